// Copy diagnostics for support: the desktop host copies them itself; the web edition hands the text back and
// the page copies it. If the browser refuses the clipboard, the text shows for copying by hand.
import { useState } from 'react';
import { useSidebar, useSidebarState } from './context';

export function Footer() {
  const sidebar = useSidebar();
  const busy = useSidebarState((s) => s.pending.copyDiagnostics === true);
  const [outcome, setOutcome] = useState<{ note: string; text?: string } | null>(null);

  async function copy() {
    setOutcome(null);
    const result = await sidebar.call('copyDiagnostics', {});
    if (!result) return; // the refusal shows with the other alerts
    if (result.text === null) return setOutcome({ note: 'Diagnostics copied to the clipboard.' });
    try {
      await navigator.clipboard.writeText(result.text);
      setOutcome({ note: 'Diagnostics copied to the clipboard.' });
    } catch {
      setOutcome({
        note: 'The browser did not allow copying; select the text below and copy it.',
        text: result.text,
      });
    }
  }

  return (
    <footer className="panel footer">
      <button type="button" disabled={busy} onClick={() => void copy()}>
        Copy diagnostics
      </button>
      <p className="muted" aria-live="polite">
        {outcome?.note}
      </p>
      {outcome?.text !== undefined && (
        <textarea
          aria-label="Diagnostics"
          readOnly
          rows={6}
          value={outcome.text}
          onFocus={(e) => e.target.select()}
        />
      )}
    </footer>
  );
}

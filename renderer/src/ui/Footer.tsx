// Diagnostics for support. Copy: the desktop host copies them itself; the web edition hands the text back and
// the page copies it (if the browser refuses the clipboard, the text shows for copying by hand). Save: the
// desktop asks where in its save dialog and says where it went; the web edition's page downloads the text.
import { useState } from 'react';
import { defineMessages, FormattedMessage, useIntl } from 'react-intl';
import { useSidebar, useSidebarState } from './context';
import { saveText } from './download';

const notes = defineMessages({
  copied: { id: 'footer.copied', defaultMessage: 'Diagnostics copied to the clipboard.' },
  saved: { id: 'footer.saved', defaultMessage: 'Diagnostics saved to your downloads folder.' },
  blocked: {
    id: 'footer.copyBlocked',
    defaultMessage: 'The browser did not allow copying; select the text below and copy it.',
  },
});

export function Footer() {
  const sidebar = useSidebar();
  const intl = useIntl();
  const busy = useSidebarState((s) => s.pending.copyDiagnostics === true);
  const saving = useSidebarState((s) => s.pending.saveDiagnostics === true);
  // Which note, not its words: a language switch re-words it.
  const [outcome, setOutcome] = useState<{
    note: keyof typeof notes | 'savedTo';
    text?: string;
    path?: string;
  } | null>(null);

  async function copy() {
    setOutcome(null);
    const result = await sidebar.call('copyDiagnostics', {});
    if (!result) return; // the refusal shows with the other alerts
    if (result.text === null) return setOutcome({ note: 'copied' });
    try {
      await navigator.clipboard.writeText(result.text);
      setOutcome({ note: 'copied' });
    } catch {
      setOutcome({ note: 'blocked', text: result.text });
    }
  }

  async function save() {
    setOutcome(null);
    const result = await sidebar.call('saveDiagnostics', {});
    // A refusal (the file could not be written) shows with the other alerts, with what to do; Cancel is no news.
    if (!result || result.outcome === 'cancelled') return;
    if (result.outcome === 'saved') return setOutcome({ note: 'savedTo', path: result.path });
    saveText(result.fileName, result.text, 'text/plain');
    setOutcome({ note: 'saved' });
  }

  return (
    <footer className="panel footer">
      <button type="button" disabled={busy} onClick={() => void copy()}>
        <FormattedMessage
          id="footer.copyDiagnostics"
          defaultMessage="Copy diagnostics"
          description="Button: copies version, settings and logs for the support team"
        />
      </button>{' '}
      <button type="button" disabled={busy || saving} onClick={() => void save()}>
        <FormattedMessage
          id="footer.saveDiagnostics"
          defaultMessage="Save diagnostics…"
          description="Button: saves version, settings, sessions and logs as a text file for the support team (desktop: asks where)"
        />
      </button>
      <p className="muted" aria-live="polite">
        {outcome?.note === 'savedTo' ? (
          <FormattedMessage
            id="footer.savedTo"
            defaultMessage="Diagnostics saved to {path}."
            description="After Save diagnostics on the desktop: the file the agent chose"
            // A path reads left to right in any language.
            values={{ path: <bdi dir="ltr">{outcome.path}</bdi> }}
          />
        ) : (
          outcome && intl.formatMessage(notes[outcome.note])
        )}
      </p>
      {outcome?.text !== undefined && (
        <textarea
          aria-label={intl.formatMessage({ id: 'footer.diagnostics', defaultMessage: 'Diagnostics' })}
          readOnly
          rows={6}
          dir="ltr"
          lang="en"
          value={outcome.text}
          onFocus={(e) => e.target.select()}
        />
      )}
    </footer>
  );
}

// The connection check an administrator runs from Settings: each step on its own line with its verdict (the
// step's own text in English, as in the report the proxy, PKI and Genesys teams read), the outcome announced
// once when done, and the report copied or saved as text to send.
import { useState } from 'react';
import { defineMessages, FormattedMessage, useIntl } from 'react-intl';
import type { RequestOutput } from '../../../../common/contract';
import { useSidebar, useSidebarState } from '../context';
import { localDate, saveText } from '../download';

const w = defineMessages({
  steps: { id: 'settings.check.steps', defaultMessage: 'Connection check steps' },
  pass: { id: 'settings.check.pass', defaultMessage: 'passed', description: 'Verdict of one check step' },
  fail: { id: 'settings.check.fail', defaultMessage: 'failed', description: 'Verdict of one check step' },
  info: { id: 'settings.check.info', defaultMessage: 'note', description: 'A check step that only informs' },
  passed: { id: 'settings.check.passed', defaultMessage: 'Connection check done: every step passed.' },
  failed: {
    id: 'settings.check.failed',
    defaultMessage: 'Connection check done: a step failed. Send the report to the team it names.',
  },
  copied: { id: 'settings.check.copied', defaultMessage: 'Report copied to the clipboard.' },
  copyBlocked: {
    id: 'settings.check.copyBlocked',
    defaultMessage: 'The browser did not allow copying; save the report instead.',
  },
});

type Result = RequestOutput<'checkConnection'>;

export function ConnectionCheck() {
  const sidebar = useSidebar();
  const t = useIntl().formatMessage;
  const running = useSidebarState((s) => s.pending.checkConnection === true);
  const [result, setResult] = useState<Result | null>(null);
  const [copy, setCopy] = useState<'copied' | 'copyBlocked' | null>(null);
  async function run() {
    setResult(null);
    setCopy(null);
    setResult(await sidebar.call('checkConnection', {}));
  }
  return (
    <section className="connection-check" aria-labelledby="connection-check-heading">
      <h3 id="connection-check-heading">
        <FormattedMessage id="settings.check.heading" defaultMessage="Connection check" />
      </h3>
      <button type="button" disabled={running} onClick={() => void run()}>
        <FormattedMessage
          id="settings.check.run"
          defaultMessage="Check connection"
          description="Button: checks each step from this computer to the Co-browse service, for the administrator"
        />
      </button>
      <p role="status" className="muted">
        {result && t(result.ok ? w.passed : w.failed)}
      </p>
      {result && <CheckSteps steps={result.steps} />}
      {result && <ReportActions report={result.report} onCopy={setCopy} />}
      {copy && <p className="muted">{t(w[copy])}</p>}
    </section>
  );
}

function CheckSteps({ steps }: { steps: Result['steps'] }) {
  const t = useIntl().formatMessage;
  return (
    <ol className="check-steps" aria-label={t(w.steps)}>
      {steps.map((s) => (
        <li key={s.step} data-testid="check-step" data-outcome={s.outcome}>
          <span className={`badge ${s.outcome}`}>{t(w[s.outcome])}</span>{' '}
          <span lang="en" dir="ltr">
            {s.step}: {s.detail}
            {s.ask && ` → ask the ${s.ask}`}
          </span>
        </li>
      ))}
    </ol>
  );
}

/** Copy (the clipboard, or a note to save instead) and Save (the browser's download; the desktop asks where). */
function ReportActions({
  report,
  onCopy,
}: {
  report: string;
  onCopy: (note: 'copied' | 'copyBlocked') => void;
}) {
  async function copy() {
    try {
      await navigator.clipboard.writeText(report);
      onCopy('copied');
    } catch {
      onCopy('copyBlocked');
    }
  }
  return (
    <div className="row">
      <button type="button" onClick={() => void copy()}>
        <FormattedMessage id="settings.check.copy" defaultMessage="Copy report" />
      </button>
      <button
        type="button"
        onClick={() => saveText(`connection-check-${localDate()}.txt`, report, 'text/plain')}
      >
        <FormattedMessage id="settings.check.save" defaultMessage="Save report" />
      </button>
    </div>
  );
}

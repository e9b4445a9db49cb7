// Today's history: every co-browse session of the day as main keeps it on disk (so a restart loses none),
// with its customer, start, active time, how it ended and whether its attached data reached the contact
// center; exported as CSV. Fetched again whenever a session settles or its writes are delivered.
import { useEffect, useState } from 'react';
import { defineMessages, FormattedMessage, useIntl } from 'react-intl';
import { isLivePhase, type HistoryEntry } from '../../../common/contract';
import { endingWords } from '../i18n/codes';
import { historyCsv } from '../logic/history-csv';
import { elapsed } from '../logic/interaction-order';
import { useSidebar, useSidebarState } from './context';
import { localDate, saveText } from './download';

const attachedWords = defineMessages({
  written: { id: 'history.attached.written', defaultMessage: 'written' },
  pending: { id: 'history.attached.pending', defaultMessage: 'pending' },
  none: { id: 'history.attached.none', defaultMessage: 'no interaction' },
});

const columns = defineMessages({
  customer: { id: 'history.customer', defaultMessage: 'Customer' },
  started: { id: 'history.started', defaultMessage: 'Started' },
  duration: { id: 'history.duration', defaultMessage: 'Co-browsed' },
  ending: { id: 'history.ending', defaultMessage: 'How it ended' },
  attached: { id: 'history.attached', defaultMessage: 'Attached data' },
});

export function History() {
  const entries = useTodaysHistory();
  return (
    <section className="panel" aria-labelledby="history-heading">
      <h2 id="history-heading">
        <FormattedMessage id="history.heading" defaultMessage="Today's history" />
      </h2>
      {entries !== null && entries.length === 0 && (
        <p className="muted">
          <FormattedMessage
            id="history.empty"
            defaultMessage="No co-browse sessions yet today. Each one shows here when it ends, and stays after a restart."
          />
        </p>
      )}
      {entries !== null && entries.length > 0 && (
        <details className="history" data-testid="history">
          <summary>
            <FormattedMessage
              id="history.summary"
              defaultMessage="{count, plural, one {# co-browse session today} other {# co-browse sessions today}}"
              values={{ count: entries.length }}
            />
          </summary>
          <HistoryTable entries={entries} />
          <ExportCsv entries={entries} />
        </details>
      )}
    </section>
  );
}

/** Today's entries, as main keeps them. */
function useTodaysHistory(): HistoryEntry[] | null {
  const sidebar = useSidebar();
  const [entries, setEntries] = useState<HistoryEntry[] | null>(null);
  // What changes the history: a session settling, an interaction's pending writes draining.
  const signature = useSidebarState((s) =>
    [
      ...s.app!.sessions.filter((x) => !isLivePhase(x.phase)).map((x) => x.id),
      ...s.app!.interactions.map((i) => i.pendingWrites),
    ].join(','),
  );
  useEffect(() => {
    let current = true;
    void sidebar.call('history', {}).then((reply) => current && reply && setEntries(reply.entries));
    return () => {
      current = false;
    };
  }, [sidebar, signature]);
  return entries;
}

function HistoryTable({ entries }: { entries: HistoryEntry[] }) {
  const intl = useIntl();
  return (
    <table className="history-table">
      <thead>
        <tr>
          {Object.values(columns).map((c) => (
            <th key={c.id} scope="col">
              {intl.formatMessage(c)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => (
          <HistoryRow key={e.id} entry={e} />
        ))}
      </tbody>
    </table>
  );
}

function HistoryRow({ entry: e }: { entry: HistoryEntry }) {
  const intl = useIntl();
  return (
    <tr data-testid="history-entry">
      <td>
        {e.customerName ?? <FormattedMessage id="history.noInteraction" defaultMessage="(no interaction)" />}
        {e.caller && e.caller !== e.customerName && (
          <>
            {' '}
            <span className="caller" dir="ltr">
              {e.caller}
            </span>
          </>
        )}
      </td>
      <td>
        <time dateTime={new Date(e.startedAt).toISOString()}>
          {intl.formatTime(e.startedAt, { hour: '2-digit', minute: '2-digit' })}
        </time>
      </td>
      <td>{elapsed(e.activeSeconds * 1000)}</td>
      <EndingCell entry={e} />
      <td>{intl.formatMessage(attachedWords[e.attachedData])}</td>
    </tr>
  );
}

/** Saves today's history as a CSV file through the browser's download. */
function ExportCsv({ entries }: { entries: HistoryEntry[] }) {
  const intl = useIntl();
  return (
    <button
      type="button"
      onClick={() =>
        saveText(
          `cobrowse-history-${localDate()}.csv`,
          historyCsv(entries, (e) => endingWords(intl, e)),
          'text/csv',
        )
      }
    >
      <FormattedMessage
        id="history.export"
        defaultMessage="Export CSV"
        description="Button: saves today's history as a spreadsheet file"
      />
    </button>
  );
}

/** How it ended, in words; an entry from before codes crossed is main's English, marked as such. */
function EndingCell({ entry }: { entry: HistoryEntry }) {
  const { words, code } = endingWords(useIntl(), entry);
  return code === null ? (
    <td lang="en" dir="ltr">
      {words}
    </td>
  ) : (
    <td data-code={code}>{words}</td>
  );
}

// The session's clock: time since the customer activated it, ticking each second (not a live region: a
// screen reader would hear it every second; the value is read when reached).
import { FormattedMessage } from 'react-intl';
import type { CobrowseSessionView } from '../../../common/contract';
import { elapsed } from '../logic/interaction-order';
import { useNow } from './useNow';

export function SessionClock({ session, testId }: { session: CobrowseSessionView | null; testId: string }) {
  const since = session?.phase === 'active' ? session.activatedAt : null;
  const now = useNow(since !== null);
  if (since === null) return null;
  const ms = now - since;
  return (
    <p className="clock" data-testid={testId}>
      <FormattedMessage
        id="session.clock"
        defaultMessage="Co-browsing for {elapsed}"
        description="elapsed: time since the customer activated the session, e.g. 4:07"
        // A duration reads left to right in every language (dir: an isolate in RTL text).
        values={{
          elapsed: (
            <time dateTime={`PT${Math.max(0, Math.floor(ms / 1000))}S`} dir="ltr">
              {elapsed(ms)}
            </time>
          ),
        }}
      />
    </p>
  );
}

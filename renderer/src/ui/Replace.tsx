// Joining a session while another is live ends that one for its customer: the button asks first, naming
// both sessions (and their customers when known), as Stop does.
import type { ReactNode } from 'react';
import { defineMessages, FormattedMessage, useIntl, type MessageDescriptor } from 'react-intl';
import { groupDigits } from '../../../common/contract';
import { ltrRun } from '../i18n/isolate';
import { liveSession } from '../logic/join-target';
import { Confirm, useConfirming } from './Confirm';
import { useSidebarState } from './context';

// Typed as plain descriptors: their values are given whole below.
const m: Record<'label' | 'question' | 'yes', MessageDescriptor> = defineMessages({
  label: { id: 'replace.label', defaultMessage: 'Confirm ending a session to join another' },
  question: {
    id: 'replace.question',
    defaultMessage:
      'End co-browse session {current}{hasCurrentCustomer, select, yes { with {currentCustomer}} other {}} and join session {next}{hasNextCustomer, select, yes { from {nextCustomer}} other {}}? Session {current} ends for its customer too.',
  },
  yes: { id: 'replace.yes', defaultMessage: 'Yes, end {current} and join {next}' },
});

/** `next`: the session to join; `children`: the button's words; `onJoin`: the join that ends the live one. */
export function ReplaceAndJoin({
  next,
  busy,
  onJoin,
  children,
}: {
  next: { token: string; customer: string | null };
  busy: boolean;
  onJoin: () => void;
  children: ReactNode;
}) {
  const intl = useIntl();
  const confirming = useConfirming();
  const live = useSidebarState((s) => liveSession(s.app!));
  const customer = useSidebarState(
    (s) => s.app!.interactions.find((i) => live && i.id === live.interactionId)?.customerName ?? null,
  );
  const current = live && { token: live.token, customer };
  // The live session ended meanwhile: nothing to end, so nothing to ask.
  if (!current)
    return (
      <button type="button" className="primary" disabled={busy} onClick={onJoin}>
        {children}
      </button>
    );
  const ids = {
    current: ltrRun(intl, groupDigits(current.token)),
    next: ltrRun(intl, groupDigits(next.token)),
  };
  return (
    <>
      <button
        ref={confirming.opener}
        type="button"
        className="danger"
        disabled={busy || confirming.open}
        onClick={confirming.ask}
      >
        {children}
      </button>
      {confirming.open && (
        <Confirm
          label={intl.formatMessage(m.label)}
          question={intl.formatMessage(m.question, {
            ...ids,
            hasCurrentCustomer: current.customer ? 'yes' : 'no',
            currentCustomer: current.customer ?? '',
            hasNextCustomer: next.customer ? 'yes' : 'no',
            nextCustomer: next.customer ?? '',
          })}
          yes={<FormattedMessage {...m.yes} values={ids} />}
          busy={busy}
          onYes={onJoin}
          onCancel={confirming.cancel}
        />
      )}
    </>
  );
}

// When an interaction began, inside its card's button: what tells two chats of the same customer apart
// (each card's name is then its own: "Chat Ann active, started 10:42:05").
import { FormattedMessage, useIntl } from 'react-intl';
import type { InteractionView } from '../../../common/contract';
import { ownRun } from '../i18n/isolate';

export function CardStart({ interaction }: { interaction: InteractionView }) {
  const intl = useIntl();
  const at = interaction.timeline[0]?.at;
  if (at === undefined) return null;
  const time = intl.formatTime(at, {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
  return (
    <span className="started">
      <FormattedMessage
        id="interactions.started"
        defaultMessage=", started {time}"
        description="After the interaction's state in its card: when it began, to tell cards of one customer apart"
        values={{ time: <time dateTime={new Date(at).toISOString()}>{ownRun(intl, time)}</time> }}
      />
    </span>
  );
}

// A question asked in place before something that ends co-browse for a customer (Stop, ending one session
// to join another): focus goes to its Yes when it opens, back to the button that opened it when cancelled
// (by Cancel or Escape).
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { FormattedMessage } from 'react-intl';

/** Whether the question is open, and the opener's ref that gets focus back on a cancel. */
export function useConfirming() {
  const [open, setOpen] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);
  useEffect(() => {
    if (!open && wasOpen.current) opener.current?.focus();
    wasOpen.current = open;
  }, [open]);
  return { open, opener, ask: () => setOpen(true), cancel: () => setOpen(false) };
}

export function Confirm({
  label,
  question,
  yes,
  busy,
  onYes,
  onCancel,
}: {
  label: string;
  question: ReactNode;
  yes: ReactNode;
  busy: boolean;
  onYes: () => void;
  onCancel: () => void;
}) {
  const yesButton = useRef<HTMLButtonElement>(null);
  useEffect(() => yesButton.current?.focus(), []);
  return (
    <div
      className="confirm"
      role="group"
      aria-label={label}
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        e.preventDefault();
        onCancel();
      }}
    >
      <p>{question}</p>
      <div className="row wrap">
        <button ref={yesButton} type="button" className="danger" disabled={busy} onClick={onYes}>
          {yes}
        </button>
        <button type="button" onClick={onCancel}>
          <FormattedMessage id="join.cancel" defaultMessage="Cancel" />
        </button>
      </div>
    </div>
  );
}

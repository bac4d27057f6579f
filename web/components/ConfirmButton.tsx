import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../i18n/t';

/**
 * A button for something hard to undo: the first press asks, in words, for a second.
 * Focus moves to the question and back, so keyboard users are never lost.
 */
export function ConfirmButton(props: {
  label: string;
  question: string;
  confirmLabel: string;
  onConfirm: () => Promise<void> | void;
  tone?: 'danger' | 'secondary';
  small?: boolean;
  describedBy?: string;
}) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const question = useRef<HTMLParagraphElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);
  useEffect(() => {
    if (asking) question.current?.focus();
    else if (wasAsking.current) trigger.current?.focus();
    wasAsking.current = asking;
  }, [asking]);
  const size = props.small ? ' small' : '';
  if (!asking) {
    return (
      <button
        ref={trigger}
        type="button"
        class={`button ${props.tone ?? 'secondary'}${size}`}
        aria-describedby={props.describedBy}
        onClick={() => setAsking(true)}
      >
        {props.label}
      </button>
    );
  }
  return (
    <div class="confirm">
      <p ref={question} tabIndex={-1}>
        {props.question}
      </p>
      <div class="confirm-actions">
        <button
          type="button"
          class={`button danger${size}`}
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            try {
              await props.onConfirm();
            } finally {
              setBusy(false);
              setAsking(false);
            }
          }}
        >
          {props.confirmLabel}
        </button>
        <button type="button" class={`button secondary${size}`} onClick={() => setAsking(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </div>
  );
}

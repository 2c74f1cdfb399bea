import { useState } from 'preact/hooks';
import { t } from './text';

/**
 * A destructive action asks first, in the page (no browser dialog): the first press shows what
 * will happen with Confirm and Cancel; only Confirm acts.
 */
export function ConfirmButton(props: { label: string; question: string; onConfirm: () => Promise<void> | void; disabled?: boolean }) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  if (!asking) {
    return (
      <button type="button" class="danger" disabled={props.disabled} onClick={() => setAsking(true)}>
        {props.label}
      </button>
    );
  }
  return (
    <span class="confirm" role="group" aria-label={props.question}>
      <span>{props.question}</span>{' '}
      <button
        type="button"
        class="danger"
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
        {t('ยืนยัน', 'Confirm')}
      </button>{' '}
      <button type="button" class="secondary" onClick={() => setAsking(false)}>
        {t('ยกเลิก', 'Cancel')}
      </button>
    </span>
  );
}

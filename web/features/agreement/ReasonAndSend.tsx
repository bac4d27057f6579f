import { Field } from '../../components/Field';
import { t } from '../../i18n/t';

/** The end of every proposal form: why, then send (and cancel, where there is somewhere to go back to). */
export function ReasonAndSend(props: {
  reason: string;
  onReason: (reason: string) => void;
  error: string | undefined;
  busy: boolean;
  sendLabel: string;
  onCancel?: (() => void) | undefined;
}) {
  return (
    <>
      <Field
        id="reason"
        label={t('agreement.reason')}
        hint={t('agreement.reasonHint')}
        value={props.reason}
        onValue={props.onReason}
        error={props.error}
        multiline
        rows={3}
        required
      />
      <div class="actions">
        <button class="button primary" type="submit" disabled={props.busy}>
          {props.busy ? t('common.saving') : props.sendLabel}
        </button>
        {props.onCancel ? (
          <button class="button secondary" type="button" onClick={props.onCancel}>
            {t('common.cancel')}
          </button>
        ) : null}
      </div>
    </>
  );
}

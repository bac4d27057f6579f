import { CONSENT_RESPONSES, type ConsentResponse } from '../../../core/domain/consent';
import { Choices } from '../../components/Choices';
import { Field } from '../../components/Field';
import { t } from '../../i18n/t';

/**
 * A consent response: agree, stand aside or object, and a note (required with an objection).
 * The same for agreement proposals and the group's other decisions.
 */
export function ConsentFields(props: {
  /** Keeps radio groups and the note apart when several decisions share a page. */
  name: string;
  noteId: string;
  response: ConsentResponse | null;
  onResponse: (value: ConsentResponse) => void;
  note: string;
  onNote: (value: string) => void;
  noteLabel: string;
  noteError: string | undefined;
}) {
  return (
    <>
      <Choices
        name={props.name}
        legend={t('proposal.yourResponse')}
        options={CONSENT_RESPONSES.map((option) => ({
          value: option,
          label: t(`proposal.option.${option}`),
          hint: t(`proposal.option.${option}Hint`),
        }))}
        value={props.response}
        onChange={props.onResponse}
      />
      <Field
        id={props.noteId}
        label={props.noteLabel}
        value={props.note}
        onValue={props.onNote}
        error={props.noteError}
        multiline
        rows={3}
        required={props.response === 'object'}
      />
    </>
  );
}

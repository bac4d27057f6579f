import type { JSX } from 'preact';

interface FieldProps {
  id: string;
  label: string;
  value: string;
  onValue: (value: string) => void;
  hint?: string | undefined;
  error?: string | undefined;
  /** Live text under the field, such as a word count; announced politely. */
  status?: { text: string; warn: boolean } | undefined;
  type?: 'text' | 'email' | 'password' | 'number' | 'search' | 'url';
  multiline?: boolean;
  autoComplete?: string;
  required?: boolean;
  inputMode?: JSX.HTMLAttributes['inputMode'];
  min?: number;
  max?: number;
  rows?: number;
}

/** A labelled input with its hint and error tied to it for assistive technology. */
export function Field(props: FieldProps) {
  const describedBy = [
    props.hint ? `${props.id}-hint` : null,
    props.status ? `${props.id}-status` : null,
    props.error ? `${props.id}-error` : null,
  ]
    .filter(Boolean)
    .join(' ');
  const common = {
    id: props.id,
    name: props.id,
    value: props.value,
    required: props.required,
    'aria-invalid': props.error ? ('true' as const) : undefined,
    'aria-describedby': describedBy || undefined,
    onInput: (e: Event) => props.onValue((e.currentTarget as HTMLInputElement).value),
  };
  return (
    <div class={`field${props.error ? ' has-error' : ''}`}>
      <label for={props.id}>{props.label}</label>
      {props.hint ? (
        <p class="hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      {props.error ? (
        <p class="field-error" id={`${props.id}-error`}>
          <span aria-hidden="true">⚠ </span>
          {props.error}
        </p>
      ) : null}
      {props.multiline ? (
        <textarea {...common} rows={props.rows ?? 4} />
      ) : (
        <input
          {...common}
          type={props.type ?? 'text'}
          autoComplete={props.autoComplete}
          inputMode={props.inputMode}
          min={props.min}
          max={props.max}
        />
      )}
      {props.status ? (
        <p
          class={`field-status${props.status.warn ? ' warn' : ''}`}
          id={`${props.id}-status`}
          aria-live="polite"
        >
          {props.status.text}
        </p>
      ) : null}
    </div>
  );
}

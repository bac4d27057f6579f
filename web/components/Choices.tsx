/** One option in a set of radio choices: a short label and a line saying what it means. */
export interface Choice<T extends string> {
  value: T;
  label: string;
  hint: string;
}

/**
 * Radio choices as large, labelled cards: the whole card is the target, and each hint is
 * tied to its radio for screen readers.
 */
export function Choices<T extends string>(props: {
  name: string;
  legend: string;
  /** When a heading just above already says what the legend would. */
  hideLegend?: boolean;
  options: readonly Choice<T>[];
  value: T | null;
  onChange: (value: T) => void;
}) {
  return (
    <fieldset class="field choices" id={props.name}>
      <legend class={props.hideLegend ? 'visually-hidden' : undefined}>{props.legend}</legend>
      {props.options.map((option) => (
        <label class="choice" key={option.value}>
          <input
            type="radio"
            name={props.name}
            value={option.value}
            checked={props.value === option.value}
            onChange={() => props.onChange(option.value)}
            aria-describedby={`${props.name}-${option.value}-hint`}
          />
          <span>
            <strong>{option.label}</strong>
            <span class="hint" id={`${props.name}-${option.value}-hint`}>
              {option.hint}
            </span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}

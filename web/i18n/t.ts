import { en, type MessageKey } from './en';

/** The text for a key, with `{name}` placeholders filled from `values`. */
export function t(key: MessageKey, values: Record<string, string | number> = {}): string {
  return en[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}

const plurals = new Intl.PluralRules('en');

/** Keys that come in `.one` and `.other` forms. */
type PluralBase<K> = K extends `${infer Base}.one`
  ? `${Base}.other` extends MessageKey
    ? Base
    : never
  : never;
type Plural = PluralBase<MessageKey>;

/** The form of a key that fits the count (`{count}` is filled in too). */
export function plural(
  key: Plural,
  count: number,
  values: Record<string, string | number> = {},
): string {
  const form = plurals.select(count) === 'one' ? 'one' : 'other';
  return t(`${key}.${form}` as MessageKey, { count, ...values });
}

/** Whether the catalogue has words for a key made at run time (e.g. from a server code). */
export function hasMessage(key: string): key is MessageKey {
  return Object.hasOwn(en, key);
}

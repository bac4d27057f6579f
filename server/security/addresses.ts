/** Email addresses as Hearth compares and shows them. */
/** Whether two email addresses are the same account's (Hearth stores them lower-cased). */
export function sameAddress(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** An address with most of it hidden: `river@example.org` → `r••••@e••••••.org`. */
export function hideAddress(address: string): string {
  const [local = '', domain = ''] = address.split('@');
  const dot = domain.lastIndexOf('.');
  const name = dot > 0 ? domain.slice(0, dot) : domain;
  const tld = dot > 0 ? domain.slice(dot) : '';
  const hide = (s: string) => (s ? `${s[0]}${'•'.repeat(Math.max(1, s.length - 1))}` : '');
  return `${hide(local)}@${hide(name)}${tld}`;
}

/** Languages offered for a group; a deployment elsewhere would list its own. */
export const LANGUAGES = [
  'en',
  'cy',
  'ga',
  'gd',
  'fr',
  'de',
  'es',
  'pt',
  'it',
  'pl',
  'ro',
  'ar',
  'ur',
  'bn',
  'pa',
  'so',
  'zh',
];

const names = (() => {
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' });
  } catch {
    return null;
  }
})();

/** "Welsh" for "cy"; the code itself where the browser cannot name it. */
export function languageName(code: string): string {
  try {
    return names?.of(code) ?? code;
  } catch {
    return code;
  }
}

/**
 * The members' space between meetings: its names, and the gentle checks that run while
 * someone writes (in the browser; nothing here ever blocks a post). Pure, so the web app and
 * the server share them and the tests can hold them to their false positives.
 */
import languageEn from '../templates/language/en.json';
import riskEn from '../templates/risk/en.json';

/** `everyone`: the whole group with its staff; `peers`: members only, no staff role. */
export const SPACES = ['everyone', 'peers'] as const;
export type SpaceName = (typeof SPACES)[number];

/** A share (an update, a reflection) or a question. */
export const THREAD_KINDS = ['share', 'question'] as const;
export type ThreadKind = (typeof THREAD_KINDS)[number];

/** What the author would like back. */
export const THREAD_WANTS = ['listening', 'ideas', 'advice'] as const;
export type ThreadWants = (typeof THREAD_WANTS)[number];

/** The few warm responses there are instead of a like count. */
export const WARM_RESPONSES = ['thinking_of_you', 'i_hear_you', 'same_here'] as const;
export type WarmResponse = (typeof WARM_RESPONSES)[number];

/** All: every post; normal: replies to what I started or joined; mute: nothing. */
export const THREAD_VOLUMES = ['all', 'normal', 'mute'] as const;
export type ThreadVolume = (typeof THREAD_VOLUMES)[number];

export const REPORT_REASONS = ['agreement', 'harm'] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];

export const TITLE_MAX = 140;
export const BODY_MAX = 10_000;
export const CONTENT_NOTE_MAX = 80;

export interface LanguageEntry {
  /** Words or phrases, each matched as whole words, case aside. */
  problem: string[];
  suggestion: string;
  why: string;
}

export interface Match {
  /** What was written, as written. */
  text: string;
  index: number;
}

export interface Suggestion extends Match {
  suggestion: string;
  why: string;
}

/** The list each language ships with; a group's stewards add to it. */
export const SHIPPED_LANGUAGE: Record<string, LanguageEntry[]> = { en: languageEn.entries };
export const RISK_PHRASES: Record<string, string[]> = { en: riskEn.phrases };

const patterns = new Map<string, RegExp>();

/** A phrase as a whole-word, case-blind pattern: spaces match any run of spaces. */
function wholeWords(phrase: string): RegExp {
  let pattern = patterns.get(phrase);
  if (!pattern) {
    const body = normalize(phrase)
      .trim()
      .split(/\s+/)
      .map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('\\s+');
    pattern = new RegExp(`(?<![\\p{L}\\p{N}'])${body}(?![\\p{L}\\p{N}])`, 'giu');
    patterns.set(phrase, pattern);
  }
  pattern.lastIndex = 0;
  return pattern;
}

/** Curly apostrophes written as straight ones (same length, so indexes hold). */
const normalize = (text: string) => text.replace(/[\u2018\u2019\u02bc]/g, "'");

function findAll(text: string, phrase: string): Match[] {
  const found: Match[] = [];
  const pattern = wholeWords(phrase);
  const plain = normalize(text);
  for (let m = pattern.exec(plain); m; m = pattern.exec(plain)) {
    found.push({ text: text.slice(m.index, m.index + m[0].length), index: m.index });
  }
  return found;
}

/**
 * Strength-based alternatives for stigmatising phrases in the text, first to last; where
 * phrases overlap ("the mentally ill", "mentally ill") the longer one wins. Dismissed
 * phrases (lower-cased) are left out.
 */
export function languageSuggestions(
  text: string,
  entries: readonly LanguageEntry[],
  dismissed: ReadonlySet<string> = new Set(),
): Suggestion[] {
  const all: Suggestion[] = [];
  for (const entry of entries) {
    for (const phrase of entry.problem) {
      for (const match of findAll(text, phrase)) {
        if (dismissed.has(match.text.toLowerCase())) continue;
        all.push({ ...match, suggestion: entry.suggestion, why: entry.why });
      }
    }
  }
  all.sort((a, b) => a.index - b.index || b.text.length - a.text.length);
  const kept: Suggestion[] = [];
  for (const s of all) {
    const last = kept.at(-1);
    if (last && s.index < last.index + last.text.length) continue;
    kept.push(s);
  }
  return kept;
}

/** Openings that give advice: flagged, gently, when the author asked only to be heard. */
const ADVICE_OPENINGS = [
  'you should',
  "you shouldn't",
  'you need to',
  'you must',
  'you ought to',
  'have you tried',
  "why don't you",
  'why not try',
  'if i were you',
  'my advice',
  'what you need is',
  'just try',
];

/**
 * Advice-shaped openings at the start of a sentence: "You should…", "Have you tried…". Only
 * at a sentence's start, so "I know you should rest" is left alone… but "Why don't you"
 * anywhere is a suggestion.
 */
export function adviceOpenings(text: string): Match[] {
  const found: Match[] = [];
  for (const phrase of ADVICE_OPENINGS) {
    for (const match of findAll(text, phrase)) {
      const before = text.slice(0, match.index).trimEnd();
      if (
        before === '' ||
        /[.!?:;\n)"“”]$/.test(before) ||
        /^(but|and|so|maybe|honestly|well|ok|okay),?$/i.test(before.split(/[\s.!?]+/).at(-1) ?? '')
      ) {
        found.push(match);
      }
    }
  }
  return found.sort((a, b) => a.index - b.index);
}

/**
 * Phrases that may mean the writer is at risk right now. A match shows them where to find
 * help before they post; it never stops the post, hides it, or tells anyone.
 */
export function riskPhrases(text: string, language = 'en'): Match[] {
  const phrases = RISK_PHRASES[language] ?? RISK_PHRASES.en ?? [];
  return phrases.flatMap((phrase) => findAll(text, phrase)).sort((a, b) => a.index - b.index);
}

/** The most words a search looks for. */
const SEARCH_WORDS = 8;

/** The words of someone's search: letters and digits only, at most eight. */
export function searchWords(text: string): string[] {
  return normalize(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, SEARCH_WORDS);
}

/**
 * Someone's search as an FTS5 query that cannot be misread as FTS5's own syntax: each word
 * quoted, all of them required, the last one also as the start of a word. Null when there is
 * nothing to look for.
 */
export function ftsQuery(text: string): string | null {
  const words = searchWords(text);
  if (words.length === 0) return null;
  return words.map((w, i) => (i === words.length - 1 ? `"${w}"*` : `"${w}"`)).join(' ');
}

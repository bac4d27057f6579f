/**
 * Collating members' answers to "what is this group for?" into the words and phrases they
 * share, so a steward can draft a purpose from what people actually said. Pure: the same
 * answers always give the same terms and highlights.
 */

/** Words too common to say anything about a purpose. */
const STOP_WORDS = new Set(
  `a about above after again all also am an and any are as at be because been before being
  but by can could did do does doing down during each few for from further get got had has
  have having he her here hers herself him himself his how i if in into is it its itself just
  me more most my myself no nor not now of off on once only or other our ours ourselves out
  over own same she should so some such than that the their theirs them themselves then there
  these they this those through to too under until up very was we were what when where which
  while who whom why will with would you your yours yourself yourselves us let lets want think
  really things thing something way ways like group groups`
    .split(/\s+/)
    .filter(Boolean),
);

/** A word as it is compared: lower case, accents kept, curly apostrophes straightened. */
export function normaliseWord(word: string): string {
  return word
    .toLowerCase()
    .replace(/’/g, "'")
    .replace(/^'+|'+$/g, '');
}

export interface Token {
  /** The text as the member wrote it. */
  text: string;
  /** Where it starts in the answer. */
  start: number;
  /** The normalised word, or null for a stop word. */
  key: string | null;
}

const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}'’-]*/gu;

/** Splits an answer into words, keeping where each one is so it can be highlighted. */
export function tokenise(answer: string): Token[] {
  const tokens: Token[] = [];
  for (const match of answer.matchAll(WORD)) {
    const key = normaliseWord(match[0]);
    tokens.push({
      text: match[0],
      start: match.index ?? 0,
      key: STOP_WORDS.has(key) || key.length < 2 ? null : key,
    });
  }
  return tokens;
}

export interface SharedTerm {
  /** One word ("support") or a two-word phrase ("peer support"). */
  term: string;
  /** How many answers use it (each answer counts once). */
  answers: number;
}

export interface Highlight {
  start: number;
  end: number;
  term: string;
}

export interface Collation {
  /** Terms used in at least two answers: phrases first, then by how many answers use them. */
  shared: SharedTerm[];
  /** For each answer, in order, the stretches to highlight (no overlaps, left to right). */
  highlights: Highlight[][];
}

/** Two-word phrases: adjacent words that are both meaningful (stop words break a phrase). */
function phrasesOf(tokens: readonly Token[]): { term: string; from: number; to: number }[] {
  const phrases: { term: string; from: number; to: number }[] = [];
  for (let i = 0; i + 1 < tokens.length; i += 1) {
    const a = tokens[i] as Token;
    const b = tokens[i + 1] as Token;
    if (a.key && b.key) phrases.push({ term: `${a.key} ${b.key}`, from: i, to: i + 1 });
  }
  return phrases;
}

/**
 * Finds the words and two-word phrases that two or more answers share, and where they are
 * in each answer. A word that only appears inside a shared phrase is not listed again unless
 * more answers use it on its own.
 */
export function collate(answers: readonly string[], limit = 20): Collation {
  const tokenised = answers.map(tokenise);
  const wordCounts = new Map<string, number>();
  const phraseCounts = new Map<string, number>();
  for (const tokens of tokenised) {
    for (const key of new Set(tokens.flatMap((t) => (t.key ? [t.key] : [])))) {
      wordCounts.set(key, (wordCounts.get(key) ?? 0) + 1);
    }
    for (const term of new Set(phrasesOf(tokens).map((p) => p.term))) {
      phraseCounts.set(term, (phraseCounts.get(term) ?? 0) + 1);
    }
  }
  const sharedPhrases = [...phraseCounts]
    .filter(([, n]) => n >= 2)
    .map(([term, n]) => ({ term, answers: n }));
  const sharedWords = [...wordCounts]
    .filter(([word, n]) => {
      if (n < 2) return false;
      // Drop a word already said by a shared phrase in just as many answers.
      return !sharedPhrases.some((p) => p.answers >= n && p.term.split(' ').includes(word));
    })
    .map(([term, n]) => ({ term, answers: n }));
  const byUse = (a: SharedTerm, b: SharedTerm) =>
    b.answers - a.answers || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0);
  const shared = [...sharedPhrases.sort(byUse), ...sharedWords.sort(byUse)].slice(0, limit);

  const phraseSet = new Set(sharedPhrases.map((p) => p.term));
  const wordSet = new Set([...wordCounts].filter(([, n]) => n >= 2).map(([w]) => w));
  const highlights = tokenised.map((tokens) => {
    const marks: Highlight[] = [];
    const used = new Set<number>();
    for (const p of phrasesOf(tokens)) {
      if (!phraseSet.has(p.term) || used.has(p.from)) continue;
      const a = tokens[p.from] as Token;
      const b = tokens[p.to] as Token;
      marks.push({ start: a.start, end: b.start + b.text.length, term: p.term });
      used.add(p.from).add(p.to);
    }
    tokens.forEach((token, i) => {
      if (token.key && wordSet.has(token.key) && !used.has(i)) {
        marks.push({ start: token.start, end: token.start + token.text.length, term: token.key });
      }
    });
    return marks.sort((x, y) => x.start - y.start);
  });
  return { shared, highlights };
}

/** Splits an answer into plain and highlighted pieces, for display. */
export function markUp(
  answer: string,
  highlights: readonly Highlight[],
): { text: string; term: string | null }[] {
  const pieces: { text: string; term: string | null }[] = [];
  let at = 0;
  for (const h of highlights) {
    if (h.start > at) pieces.push({ text: answer.slice(at, h.start), term: null });
    pieces.push({ text: answer.slice(h.start, h.end), term: h.term });
    at = h.end;
  }
  if (at < answer.length) pieces.push({ text: answer.slice(at), term: null });
  return pieces;
}

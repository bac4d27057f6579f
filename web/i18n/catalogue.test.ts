/**
 * The catalogue is the only source of words: every key in it is used, every error and field
 * code has words, and no feature writes a sentence of its own (a simple lint over the
 * features' source with the TypeScript parser).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, FIELD_CODES } from '../../core/errors';
import { en } from './en';

const WEB = join(__dirname, '..');
const CATALOGUE = join(__dirname, 'en.ts');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

function parse(path: string): ts.SourceFile {
  return ts.createSourceFile(
    path,
    readFileSync(path, 'utf8'),
    ts.ScriptTarget.Latest,
    true,
    path.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
}

function walk(node: ts.Node, visit: (node: ts.Node) => void) {
  visit(node);
  node.forEachChild((child) => walk(child, visit));
}

/** Every string literal in the web app, and the fixed start of every template literal. */
function literalsInWeb() {
  const exact = new Set<string>();
  const prefixes = new Set<string>();
  for (const path of sourceFiles(WEB)) {
    if (path === CATALOGUE) continue;
    walk(parse(path), (node) => {
      if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
        exact.add(node.text);
      } else if (ts.isTemplateExpression(node) && node.head.text.length > 0) {
        prefixes.add(node.head.text);
      }
    });
  }
  return { exact, prefixes };
}

describe('the catalogue', () => {
  const keys = Object.keys(en);
  const { exact, prefixes } = literalsInWeb();
  // Families worded from codes are checked against the codes themselves, below.
  const fromCodes = (key: string) => key.startsWith('error.') || key.startsWith('field.');

  it('has no key that nothing uses', () => {
    const used = (key: string) =>
      exact.has(key) ||
      // plural('base', n) picks `base.one` or `base.other`.
      exact.has(key.replace(/\.(one|other)$/, '')) ||
      [...prefixes].some((prefix) => key.startsWith(prefix));
    expect(keys.filter((key) => !fromCodes(key) && !used(key))).toEqual([]);
  });

  it('words every error code, and has words only for codes that exist', () => {
    const codes = new Set<string>(ERROR_CODES);
    const errorKeys = keys.filter((k) => k.startsWith('error.')).map((k) => k.slice(6));
    expect(ERROR_CODES.filter((code) => !errorKeys.includes(code))).toEqual([]);
    // `error.<code>` or `error.<code>.<why>`.
    const unknown = errorKeys.filter(
      (k) => !codes.has(k) && !codes.has(k.slice(0, k.lastIndexOf('.'))),
    );
    expect(unknown).toEqual([]);
  });

  it('words every field code, and has words only for codes that exist', () => {
    const codes = new Set<string>(FIELD_CODES);
    const fieldKeys = keys.filter((k) => k.startsWith('field.')).map((k) => k.slice(6));
    expect(FIELD_CODES.filter((code) => !fieldKeys.includes(code))).toEqual([]);
    const unknown = fieldKeys.filter(
      (k) => !codes.has(k) && !codes.has(k.slice(0, k.lastIndexOf('.'))),
    );
    expect(unknown).toEqual([]);
  });
});

/** Attributes a person reads or hears. */
const WORDED_ATTRIBUTES = new Set([
  'aria-label',
  'aria-description',
  'title',
  'placeholder',
  'alt',
  'label',
  'hint',
  'legend',
  'heading',
]);

const hasWords = (text: string) => /\p{L}{2,}/u.test(text);
/** Starts like a sentence: a capital, then words. */
const SENTENCE = /^[A-Z][\p{L}’']* [\p{L}’']+/u;

/** Where a source shows a person words that are not from the catalogue. */
function literalWordsIn(source: ts.SourceFile): string[] {
  const found: string[] = [];
  const at = (node: ts.Node, text: string) => {
    const { line } = source.getLineAndCharacterOfPosition(node.getStart());
    found.push(`${relative(WEB, source.fileName)}:${line + 1} ${JSON.stringify(text.trim())}`);
  };
  walk(source, (node) => {
    if (ts.isJsxText(node) && hasWords(node.text)) at(node, node.text);
    // A sentence anywhere in code: "Give the group a name.", `Keep it to ${n} words.`
    const text =
      ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)
        ? node.text
        : ts.isTemplateExpression(node)
          ? node.head.text
          : null;
    if (
      text !== null &&
      !ts.isImportDeclaration(node.parent) &&
      !ts.isJsxAttribute(node.parent) &&
      !(ts.isJsxExpression(node.parent) && ts.isJsxElement(node.parent.parent)) &&
      SENTENCE.test(text)
    ) {
      at(node, text);
    }
    if (
      ts.isJsxAttribute(node) &&
      WORDED_ATTRIBUTES.has(node.name.getText(source)) &&
      node.initializer &&
      ts.isStringLiteral(node.initializer) &&
      hasWords(node.initializer.text)
    ) {
      at(node, node.initializer.text);
    }
    if (
      ts.isJsxExpression(node) &&
      node.expression &&
      (ts.isStringLiteral(node.expression) ||
        ts.isNoSubstitutionTemplateLiteral(node.expression)) &&
      hasWords(node.expression.text) &&
      (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent))
    ) {
      at(node, node.expression.text);
    }
  });
  return found;
}

describe('the features', () => {
  it('show no words of their own: every sentence comes from the catalogue', () => {
    const files = [...sourceFiles(join(WEB, 'features')), ...sourceFiles(join(WEB, 'components'))];
    expect(files.length).toBeGreaterThan(20);
    expect(files.flatMap((path) => literalWordsIn(parse(path)))).toEqual([]);
  });

  it('the lint finds the words it is meant to find', () => {
    const source = ts.createSourceFile(
      join(WEB, 'features', 'Sample.tsx'),
      `const e = 'Give the group a name.';\nexport const A = () => <p title="Hello there" class="x">Welcome back{'Sign in'}{' · '}<b>{x}</b></p>;`,
      ts.ScriptTarget.Latest,
      true,
      ts.ScriptKind.TSX,
    );
    expect(literalWordsIn(source)).toEqual([
      'features/Sample.tsx:1 "Give the group a name."',
      'features/Sample.tsx:2 "Hello there"',
      'features/Sample.tsx:2 "Welcome back"',
      'features/Sample.tsx:2 "Sign in"',
    ]);
  });
});

/**
 * The shape of the code, checked: which folders may import which, and no circles. Shared
 * mechanisms (the group lock, access, notifications, mail, membership, the rota, consent…)
 * sit below the areas in `server/services/`, so an area never reaches into another area's
 * folder for one, and areas that call each other's use cases do so in one direction only.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');
const TOP = ['core', 'server', 'web'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

const files = TOP.flatMap((dir) => sourceFiles(join(ROOT, dir)));
const known = new Set(files);

function resolveImport(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const base = resolve(dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) {
    if (known.has(candidate)) return candidate;
  }
  return null;
}

/** file → the project files it imports at run time (type-only imports too: they couple). */
const graph = new Map<string, string[]>(
  files.map((file) => {
    const source = ts.createSourceFile(
      file,
      readFileSync(file, 'utf8'),
      ts.ScriptTarget.Latest,
      false,
    );
    const targets: string[] = [];
    source.forEachChild((node) => {
      if (
        (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
        node.moduleSpecifier &&
        ts.isStringLiteral(node.moduleSpecifier)
      ) {
        const target = resolveImport(file, node.moduleSpecifier.text);
        if (target) targets.push(target);
      }
    });
    return [file, targets];
  }),
);

const rel = (file: string) => relative(ROOT, file);
const edges = [...graph].flatMap(([from, tos]) => tos.map((to) => [rel(from), rel(to)] as const));

/** Every cycle's smallest member set, found with Tarjan's strongly connected components. */
function cycles<T>(nodes: Iterable<T>, next: (node: T) => Iterable<T>): T[][] {
  const index = new Map<T, number>();
  const low = new Map<T, number>();
  const stack: T[] = [];
  const onStack = new Set<T>();
  const found: T[][] = [];
  let counter = 0;
  const visit = (node: T) => {
    index.set(node, counter);
    low.set(node, counter);
    counter += 1;
    stack.push(node);
    onStack.add(node);
    for (const to of next(node)) {
      if (!index.has(to)) {
        visit(to);
        low.set(node, Math.min(low.get(node) as number, low.get(to) as number));
      } else if (onStack.has(to)) {
        low.set(node, Math.min(low.get(node) as number, index.get(to) as number));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: T[] = [];
      let member: T;
      do {
        member = stack.pop() as T;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      const selfLoop = [...next(node)].includes(node);
      if (component.length > 1 || selfLoop) found.push(component);
    }
  };
  for (const node of nodes) if (!index.has(node)) visit(node);
  return found;
}

/** The area a services file belongs to: `server/services/<area>/…`. */
const areaOf = (file: string) => /^server\/services\/([^/]+)\//.exec(file)?.[1] ?? null;

describe('imports', () => {
  it('are checked by a cycle finder that finds cycles', () => {
    const links: Record<string, string[]> = { a: ['b'], b: ['c'], c: ['a'], d: ['d'], e: ['a'] };
    const found = cycles(Object.keys(links), (n) => links[n] ?? []);
    expect(found.map((c) => c.sort())).toEqual([['a', 'b', 'c'], ['d']]);
  });

  it('make no circles, file by file', () => {
    expect(cycles(graph.keys(), (f) => graph.get(f) ?? []).map((c) => c.map(rel))).toEqual([]);
  });

  it('keep the three sides apart: core imports neither, the web app never imports the server', () => {
    const crossing = edges.filter(
      ([from, to]) =>
        (from.startsWith('core/') && !to.startsWith('core/')) ||
        (from.startsWith('web/') && to.startsWith('server/')) ||
        (from.startsWith('server/') && to.startsWith('web/')),
    );
    expect(crossing).toEqual([]);
  });

  it('keep the domain pure: core/domain imports only core/domain and the shipped data', () => {
    expect(
      edges.filter(
        ([from, to]) => from.startsWith('core/domain/') && !/^core\/(domain|templates)\//.test(to),
      ),
    ).toEqual([]);
  });

  it('keep shared mechanisms below the areas: nothing shared imports a service, route or room', () => {
    const upper = /^server\/(services|http|live)\//;
    const shared = (file: string) =>
      file.startsWith('server/') &&
      !upper.test(file) &&
      !['server/app.ts', 'server/main.ts'].includes(file);
    expect(edges.filter(([from, to]) => shared(from) && upper.test(to))).toEqual([]);
  });

  it('let services call no route or room, and routes no room', () => {
    expect(
      edges.filter(
        ([from, to]) =>
          (from.startsWith('server/services/') && /^server\/(http|live)\//.test(to)) ||
          (from.startsWith('server/http/') &&
            to.startsWith('server/live/') &&
            !from.endsWith('live.ts')),
      ),
    ).toEqual([]);
  });

  it('let areas use one another’s use cases in one direction only', () => {
    const areas = new Map<string, Set<string>>();
    for (const [from, to] of edges) {
      const a = areaOf(from);
      const b = areaOf(to);
      if (!a) continue;
      if (!areas.has(a)) areas.set(a, new Set());
      if (b && b !== a) areas.get(a)?.add(b);
    }
    expect(cycles(areas.keys(), (a) => areas.get(a) ?? [])).toEqual([]);
  });

  it('let the web app’s features share only through the library, components and catalogue', () => {
    const featureOf = (file: string) => /^web\/features\/([^/]+)\//.exec(file)?.[1] ?? null;
    const features = new Map<string, Set<string>>();
    for (const [from, to] of edges) {
      const a = featureOf(from);
      const b = featureOf(to);
      if (a && b && a !== b) {
        if (!features.has(a)) features.set(a, new Set());
        features.get(a)?.add(b);
      }
    }
    expect(cycles(features.keys(), (a) => features.get(a) ?? [])).toEqual([]);
    // web/lib and web/components sit below the features.
    expect(
      edges.filter(
        ([from, to]) =>
          /^web\/(lib|components|i18n)\//.test(from) && to.startsWith('web/features/'),
      ),
    ).toEqual([]);
  });
});

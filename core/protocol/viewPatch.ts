/**
 * The JSON Patch (RFC 6902) that takes one room view to the next: the very operations
 * fast-json-patch's `compare` makes (the clients apply them with its `applyPatch`), made for
 * views that are never changed once made. A part of the view that did not change is the same
 * object in both, and is passed over before anything about it is made (its path, its keys);
 * a value that did change goes into the patch as it is, not copied, since the patch is only
 * turned into JSON. `compare` copied every changed value and named every part it walked.
 */
import type { RoomOperation } from './live';

type Json = Record<string, unknown> | unknown[];

export function viewPatch(before: object, after: object): RoomOperation[] {
  const ops: RoomOperation[] = [];
  walk(before as Json, after as Json, ops, '');
  return ops;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null;
}

function at(path: string, key: string): string {
  return `${path}/${key.includes('/') || key.includes('~') ? key.replace(/~/g, '~0').replace(/\//g, '~1') : key}`;
}

/** As JSON has it: an array's missing item is null. */
function asJson(value: unknown): unknown {
  return value === undefined ? null : value;
}

const has = (value: object, key: string) => Object.hasOwn(value, key);

function walk(before: Json, after: Json, ops: RoomOperation[], path: string): void {
  if (before === after) return;
  const was = before as Record<string, unknown>;
  const now = after as Record<string, unknown>;
  const afterIsArray = Array.isArray(after);
  const oldKeys = Object.keys(before);
  const newKeys = Object.keys(after);
  let deleted = false;
  for (let i = oldKeys.length - 1; i >= 0; i--) {
    const key = oldKeys[i] as string;
    const oldValue = was[key];
    if (has(after, key) && !(now[key] === undefined && oldValue !== undefined && !afterIsArray)) {
      const newValue = now[key];
      if (
        isObject(oldValue) &&
        isObject(newValue) &&
        Array.isArray(oldValue) === Array.isArray(newValue)
      ) {
        if (oldValue !== newValue) walk(oldValue, newValue, ops, at(path, key));
      } else if (oldValue !== newValue) {
        ops.push({ op: 'replace', path: at(path, key), value: asJson(newValue) });
      }
    } else if (Array.isArray(before) === afterIsArray) {
      ops.push({ op: 'remove', path: at(path, key) });
      deleted = true;
    } else {
      ops.push({ op: 'replace', path, value: after });
    }
  }
  if (!deleted && newKeys.length === oldKeys.length) return;
  for (const key of newKeys) {
    if (!has(before, key) && now[key] !== undefined) {
      ops.push({ op: 'add', path: at(path, key), value: now[key] });
    }
  }
}

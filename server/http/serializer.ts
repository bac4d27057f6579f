/**
 * Response serialisation: each route's zod response schema is turned into JSON Schema once
 * and compiled with fast-json-stringify (Fastify's own serialiser), which writes only the
 * declared fields. Much faster than validating every response with zod, and it keeps the
 * guarantee that matters: nothing undeclared, such as a password hash, can leak out.
 */
import fastJson from 'fast-json-stringify';
import type { FastifySerializerCompiler } from 'fastify/types/schema';
import { type ZodType, z } from 'zod';

type JsonSchema = { [key: string]: unknown };

/**
 * zod writes `T | null` as `anyOf: [T, {type: "null"}]`, which fast-json-stringify can only
 * resolve by validating each value; `nullable: true` says the same and costs nothing.
 */
function simplifyNullable(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(simplifyNullable);
  if (typeof schema !== 'object' || schema === null) return schema;
  const node = Object.fromEntries(
    Object.entries(schema as JsonSchema).map(([key, value]) => [key, simplifyNullable(value)]),
  ) as JsonSchema;
  const anyOf = node.anyOf;
  if (Array.isArray(anyOf) && anyOf.length === 2) {
    const nullIndex = anyOf.findIndex((s) => (s as JsonSchema).type === 'null');
    const other = anyOf[1 - nullIndex] as JsonSchema | undefined;
    // Only a plain typed schema can take `nullable`; leave references and unions alone.
    if (nullIndex !== -1 && typeof other?.type === 'string') {
      const { anyOf: _, ...rest } = node;
      // An enum must list null too, or a value checked against it (inside a union) fails.
      const enumValues = Array.isArray(other.enum) ? { enum: [...other.enum, null] } : {};
      return { ...rest, ...other, ...enumValues, nullable: true };
    }
  }
  return node;
}

/** Compiles one response schema into a function that writes only its declared fields. */
export function compileSerializer(schema: ZodType): (data: unknown) => string {
  const jsonSchema = z.toJSONSchema(schema, {
    io: 'output',
    target: 'draft-7',
    unrepresentable: 'any',
  });
  return fastJson(simplifyNullable(jsonSchema) as Parameters<typeof fastJson>[0]) as (
    data: unknown,
  ) => string;
}

/**
 * Each serialiser is compiled when its route first answers with that status, not at start:
 * compiling all of them took most of the start-up time, and most are not needed at once.
 * Frozen response objects cannot change, so their JSON is kept (weakly: it goes when the
 * object does). Services freeze what they hand out many times, such as a cached group page.
 */
export const serializerCompiler: FastifySerializerCompiler<ZodType> = ({ schema }) => {
  let compiled: ((data: unknown) => string) | undefined;
  const write = (data: unknown) => {
    compiled ??= compileSerializer(schema);
    return compiled(data);
  };
  const written = new WeakMap<object, string>();
  return (data: unknown) => {
    if (typeof data !== 'object' || data === null || !Object.isFrozen(data)) return write(data);
    let json = written.get(data);
    if (json === undefined) {
      json = write(data);
      written.set(data, json);
    }
    return json;
  };
};

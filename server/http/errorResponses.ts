import { errorBody } from '../../core/protocol/common';

/** Documents the error statuses a route can answer with, all in the standard error body. */
export function errorResponses<const C extends number>(...codes: C[]): Record<C, typeof errorBody> {
  return Object.fromEntries(codes.map((code) => [code, errorBody])) as Record<C, typeof errorBody>;
}

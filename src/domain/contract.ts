import type { z } from 'zod';

/**
 * One contract per route: its method, path, inputs and every success answer, written once in
 * `src/domain/<module>/api.ts`. The server registers routes from it (server/platform/serve.ts: Fastify
 * validates the input and serialises the answer through these schemas, so a field not declared never
 * leaves the server), `/api/openapi.json` is generated from it, and the browser calls it with typed
 * inputs and answers (web/app/query.ts). The error body is the same for every route (primitives.ts).
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteContract {
  method: HttpMethod;
  /** Fastify style: `/api/sampling/rounds/:id`. */
  path: string;
  /** What the route does, for the OpenAPI page. */
  summary?: string;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** Success answers by status: `{ 200: schema }`, `{ 201: schema }`, or both for an idempotent create that may replay. */
  responses: Partial<Record<200 | 201 | 202 | 204, z.ZodType>>;
}

/** Declares a contract, keeping its exact types. */
export function defineRoute<const C extends RouteContract>(contract: C): C {
  return contract;
}

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;
type In<S> = S extends z.ZodType ? z.input<S> : undefined;

/** The success answer's body as the browser receives it (the first success status declared). */
export type ResponseOf<C extends RouteContract> = C['responses'] extends { 200: infer S }
  ? Out<S>
  : C['responses'] extends { 201: infer S }
    ? Out<S>
    : C['responses'] extends { 202: infer S }
      ? Out<S>
      : undefined;

/** What the browser sends: path params, query and body, as their schemas accept them. */
export type InputOf<C extends RouteContract> = (C['params'] extends z.ZodType ? { params: In<C['params']> } : { params?: undefined }) &
  (C['query'] extends z.ZodType ? { query?: In<C['query']> } : { query?: undefined }) &
  (C['body'] extends z.ZodType ? { body: In<C['body']> } : { body?: undefined });

/** What the server's handler receives, after validation. */
export type ParamsOf<C extends RouteContract> = Out<C['params']>;
export type QueryOf<C extends RouteContract> = Out<C['query']>;
export type BodyOf<C extends RouteContract> = Out<C['body']>;

/** The path with its `:params` filled in, each encoded. */
export function fillPath(path: string, params: Record<string, unknown> | undefined): string {
  return path.replace(/:([A-Za-z_]\w*)/g, (_, name: string) => {
    const v = params?.[name];
    if (v === undefined || v === null) throw new Error(`missing path parameter ${name} for ${path}`);
    return encodeURIComponent(String(v));
  });
}

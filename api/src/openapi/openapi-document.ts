import { z } from 'zod'
import { ClientIdSchema } from '../clients/clients.schemas.js'
import { type RouteDoc, type RouteRegistry, routeRegistry, toOpenApiPath } from './registry.js'

/** The one error envelope of api.md, as a schema for the document. */
export const ErrorEnvelopeSchema = z.object({
  error: z.object({
    code: z.string().describe('snake_case error code'),
    message: z.string(),
    issues: z
      .array(
        z.object({
          path: z.string(),
          message: z.string(),
          code: z.string().optional().describe('policy validation: a stable issue code (docs/policies.md)'),
          line: z.number().int().optional().describe('imports: the NDJSON line'),
        }),
      )
      .optional(),
    requestId: z.string(),
  }),
})

const STATUS_TEXT: Record<number, string> = {
  400: 'Malformed JSON or parameters',
  401: 'No or invalid API key',
  403: 'The key’s role lacks the permission',
  404: 'Unknown, or not a client of this key',
  409: 'Conflict',
  413: 'Body too large (JSON bodies over 1 MiB)',
  415: 'Unsupported content type',
  422: 'Well-formed but invalid',
  429: 'Rate-limited',
  503: 'Database unavailable (retry-safe)',
}

type JsonSchema = Record<string, unknown>

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const out = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as JsonSchema
  delete out.$schema
  return io === 'output' ? open(out) : out
}

/**
 * A response schema without `additionalProperties: false` anywhere: api.md lets responses carry
 * more fields than it writes, so a client generated from the document must not reject them.
 */
function open(schema: unknown): JsonSchema {
  if (Array.isArray(schema)) return schema.map(open) as unknown as JsonSchema
  if (typeof schema !== 'object' || schema === null) return schema as JsonSchema
  const out: JsonSchema = {}
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'additionalProperties' && value === false) continue
    out[key] = open(value)
  }
  return out
}

function parameters(doc: RouteDoc): JsonSchema[] {
  const out: JsonSchema[] = []
  for (const [where, obj] of [
    ['path', doc.params],
    ['query', doc.query],
  ] as const) {
    if (!obj) continue
    const shape = jsonSchema(obj, 'input')
    const props = (shape.properties ?? {}) as Record<string, JsonSchema>
    const required = new Set((shape.required ?? []) as string[])
    for (const [name, schema] of Object.entries(props)) {
      // The client is resolved by the auth middleware for every route alike (an id that cannot
      // be valid is 404), whatever a route's own params schema says of it.
      const documented =
        where === 'path' && name === 'clientId' ? jsonSchema(ClientIdSchema, 'input') : schema
      out.push({ name, in: where, required: where === 'path' || required.has(name), schema: documented })
    }
  }
  // OpenAPI requires a parameter for every template in the path: one a description leaves out
  // (the client id of the routes mounted under a client) gets its schema here.
  const declared = new Set(out.filter((p) => p.in === 'path').map((p) => p.name))
  for (const [, name] of doc.path.matchAll(/:([A-Za-z0-9_]+)/g)) {
    if (name === undefined || declared.has(name)) continue
    const schema = name === 'clientId' ? jsonSchema(ClientIdSchema, 'input') : { type: 'string' }
    out.push({ name, in: 'path', required: true, schema })
  }
  if (doc.idempotent ?? doc.method === 'post') {
    out.push({
      name: 'Idempotency-Key',
      in: 'header',
      required: false,
      description:
        'Retries with the same key and the same body (equal as JSON; an import: the same bytes) replay the first 2xx answer; a different body under the same key is 422 idempotency_key_reused',
      schema: { type: 'string', minLength: 1, maxLength: 255 },
    })
  }
  return out
}

function errorStatuses(doc: RouteDoc): number[] {
  const statuses = new Set(doc.errors ?? [])
  if (doc.roles !== 'public') {
    statuses.add(401)
    statuses.add(404)
    if (doc.roles !== 'any') statuses.add(403)
  }
  if (doc.body || doc.query) statuses.add(doc.body ? 400 : 422)
  if (doc.body) statuses.add(422)
  // Every body has a content type to get wrong; JSON bodies also have the 1 MiB limit (an NDJSON
  // import has none).
  if (doc.body) statuses.add(415)
  if (doc.body?.schema) statuses.add(413)
  // A route that takes no body still reads one that is sent (with Content-Length or
  // Transfer-Encoding): it must then be JSON, of at most 1 MiB.
  if (!doc.body && doc.method !== 'get') for (const s of [400, 413, 415]) statuses.add(s)
  // An Idempotency-Key still in use by its first request is 409; one reused for another body, or
  // not 1–255 characters, is 422 (also on a POST without a body, e.g. reproduce).
  if (doc.idempotent ?? doc.method === 'post') {
    statuses.add(409)
    statuses.add(422)
  }
  if (doc.roles !== 'public') {
    statuses.add(429)
    statuses.add(503)
  }
  return [...statuses].sort()
}

const header = (description: string, type: 'string' | 'integer' = 'string'): JsonSchema => ({
  description,
  schema: { type },
})

/** Headers the middlewares set (app.ts, middleware/): which answers carry which. */
function headers(doc: RouteDoc, status: number): Record<string, JsonSchema> {
  const out: Record<string, JsonSchema> = {
    'X-Request-Id': header(
      'The request id (the caller’s own X-Request-Id when it sent one), also in the error envelope and the logs',
    ),
  }
  // Set once the key is known, so not on a 401; absent when the server runs without a limit.
  if (doc.roles !== 'public' && status !== 401) {
    out['RateLimit-Limit'] = header('Requests this API key may make per window', 'integer')
    out['RateLimit-Remaining'] = header('Requests left in the current window', 'integer')
    out['RateLimit-Reset'] = header('Seconds until the window resets', 'integer')
  }
  if (status === 429 || status === 503)
    out['Retry-After'] = header('Seconds to wait before retrying', 'integer')
  if (status === 401) out['WWW-Authenticate'] = header('`Bearer`: the scheme the API expects')
  if (status === 413) out.Connection = header('`close`: the rest of the body is not read')
  if ((doc.idempotent ?? doc.method === 'post') && status >= 200 && status < 300)
    out['Idempotent-Replayed'] = header(
      '`true` when the answer replays the first answer to this Idempotency-Key',
    )
  return out
}

function operation(doc: RouteDoc): JsonSchema {
  const responses: Record<string, JsonSchema> = {}
  for (const [status, res] of Object.entries(doc.responses)) {
    responses[status] = res.schema
      ? {
          description: res.description,
          content: { [res.contentType ?? 'application/json']: { schema: jsonSchema(res.schema, 'output') } },
        }
      : { description: res.description }
  }
  for (const status of errorStatuses(doc)) {
    responses[String(status)] ??= {
      description: STATUS_TEXT[status] ?? 'Error',
      content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorEnvelope' } } },
    }
  }
  for (const [status, response] of Object.entries(responses)) response.headers = headers(doc, Number(status))
  const roles =
    doc.roles === 'public' ? 'none (public)' : doc.roles === 'any' ? 'any scoped' : doc.roles.join(', ')
  const op: JsonSchema = {
    operationId: operationId(doc),
    summary: doc.summary,
    description: [doc.description, `Roles: ${roles}.`].filter(Boolean).join('\n\n'),
    tags: [doc.tag],
    'x-roles': doc.roles,
    parameters: parameters(doc),
    responses,
  }
  if (doc.roles === 'public') op.security = []
  if (doc.body) {
    const content: Record<string, JsonSchema> = {}
    if (doc.body.schema) content['application/json'] = { schema: jsonSchema(doc.body.schema, 'input') }
    if (doc.body.ndjsonLine) {
      content['application/x-ndjson'] = {
        schema: { type: 'string', description: 'One JSON value per line; each line matches x-line-schema' },
        'x-line-schema': jsonSchema(doc.body.ndjsonLine, 'input'),
      }
    }
    op.requestBody = { required: doc.body.optional !== true, description: doc.body.description, content }
  }
  return op
}

function operationId(doc: RouteDoc): string {
  const words = doc.path
    .split('/')
    .filter((s) => s && s !== 'v1')
    .map((s) => (s.startsWith(':') ? `by-${s.slice(1)}` : s))
  return [doc.method, ...words].join('-').replace(/[^A-Za-z0-9]+(.)/g, (_, c: string) => c.toUpperCase())
}

/** A route as Hono lists it in `app.routes`. */
export interface MountedRoute {
  method: string
  path: string
}

const METHODS = new Set(['get', 'post', 'put', 'delete', 'patch'])

/**
 * A mounted route nobody described still belongs in the document (so the document can never miss
 * an endpoint): it gets its path parameters and the generic error answers.
 */
function undescribed(route: MountedRoute): RouteDoc {
  const names = [...route.path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1] as string)
  const segments = route.path
    .split('/')
    .filter((s) => s && !s.startsWith(':') && s !== 'v1' && s !== 'clients')
  return {
    method: route.method.toLowerCase() as RouteDoc['method'],
    path: route.path,
    summary: `${route.method.toUpperCase()} ${toOpenApiPath(route.path)}`,
    tag: segments[0] ?? 'clients',
    roles: route.path.startsWith('/v1/') ? 'any' : 'public',
    ...(names.length ? { params: z.object(Object.fromEntries(names.map((n) => [n, z.string()]))) } : {}),
    responses: { 200: { description: 'Success' } },
  }
}

/**
 * Builds the OpenAPI 3.1 document from every registered route, plus every route the app mounts
 * (`app.routes`) that no module described.
 */
export function buildOpenApiDocument(
  registry: RouteRegistry = routeRegistry,
  mounted: readonly MountedRoute[] = [],
): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {}
  const described = registry.routes()
  const known = new Set(described.map((r) => `${r.method} ${toOpenApiPath(r.path)}`))
  const extra = new Map<string, RouteDoc>()
  for (const route of mounted) {
    const method = route.method.toLowerCase()
    const key = `${method} ${toOpenApiPath(route.path)}`
    if (!METHODS.has(method) || route.path.includes('*') || known.has(key)) continue
    if (registry.isHidden(method, route.path)) continue
    extra.set(key, undescribed(route))
  }
  const routes = [...described, ...extra.values()].sort((a, b) => a.path.localeCompare(b.path))
  for (const doc of routes) {
    const path = toOpenApiPath(doc.path)
    paths[path] ??= {}
    paths[path][doc.method] = operation(doc)
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Verdict API',
      version: '1.0.0',
      description: 'Order-confirmation rules platform. One error envelope for every failure.',
    },
    servers: [{ url: '/' }],
    security: [{ bearerAuth: [] }],
    tags: [...new Set(routes.map((r) => r.tag))].sort().map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', description: 'API key' } },
      schemas: { ErrorEnvelope: jsonSchema(ErrorEnvelopeSchema, 'output') },
    },
  }
}

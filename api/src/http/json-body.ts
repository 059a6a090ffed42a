import type { Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../context.js'
import { findPan } from '../engine.js'
import { ApiError, bodyCutOff, type Issue, panDetected } from '../errors.js'
import { orderIssues } from '../evaluations/order-input.js'
import { findHiddenPan } from './hidden-pan.js'
import { isDepthIssue, jsonSafetyIssues } from './json-safety.js'
import { declaredBody, declaresJson } from './media-type.js'
import { recordWrittenNumbers } from './written-numbers.js'

export const JSON_BODY_LIMIT = 1024 * 1024

const WITH_BODY = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/**
 * The two routes whose bodies are not (only) JSON and are streamed by their own handlers: the NDJSON
 * import (POST) and the catalog upload (PUT). They get neither the 1 MiB limit nor the JSON checks.
 * By method AND path: `PUT …/orders/import` modifies the order whose id is "import", a JSON body.
 */
const STREAMED = {
  POST: /^\/v1\/clients\/[^/]+\/orders\/import\/?$/,
  PUT: /^\/v1\/clients\/[^/]+\/catalog\/?$/,
} as const

export function isStreamedBody(c: Context): boolean {
  const method = c.req.method
  return (method === 'POST' || method === 'PUT') && STREAMED[method].test(c.req.path)
}

const tooLarge = (): never => {
  throw new ApiError('payload_too_large', 'request body is larger than 1 MiB')
}

// Only for bodies without a Content-Length (chunked): it counts bytes while reading the stream.
const streamedLimit = bodyLimit({ maxSize: JSON_BODY_LIMIT, onError: tooLarge })

/** The parsed body of each request that passed `jsonBodies`, so that it is parsed once. */
const parsedBodies = new WeakMap<object, unknown>()

/** Requests with an empty body under a JSON Content-Type: no body (see jsonBodies). */
const emptyBodies = new WeakSet<object>()

const strictUtf8 = new TextDecoder('utf-8', { fatal: true })

const malformed = () => new ApiError('malformed_json', 'request body is not valid JSON')

/** What `jsonBodies` found wrong with a request's body, answered once the route's guard has run. */
const bodyErrors = new WeakMap<object, unknown>()

/**
 * Keeps the body's problem for throwBodyError, and makes the body unreadable meanwhile: a route
 * that reads it anyway (a validator) fails instead of reading a body too large or unchecked.
 */
function refuseBody(c: Context, error: ApiError): void {
  bodyErrors.set(c.req, error)
  const refused = Promise.reject(error)
  refused.catch(() => {})
  // Hono keeps promises there at run time (its type names the resolved values).
  const cache = c.req.bodyCache as Record<string, unknown>
  for (const key of ['json', 'text', 'arrayBuffer']) cache[key] = refused
}

/**
 * Throws what was wrong with the request's body (413, 415, 400, 422), if anything. The route guards
 * call it once the caller's role has passed (api.md: a role lacking the permission is 403, whatever
 * it sent), before any validator reads the body; `jsonBody` calls it too.
 */
export function throwBodyError(c: Context): void {
  if (bodyErrors.has(c.req)) throw bodyErrors.get(c.req)
}

/** True when `jsonBodies` refused the request's body (throwBodyError will answer it). */
export const hasBodyError = (c: Context): boolean => bodyErrors.has(c.req)

/**
 * The request's JSON body, parsed once by `jsonBodies` (Hono's `c.req.json()` parses the text
 * again on every call); a body that is not JSON is 400 `malformed_json`. The value is shared:
 * handlers must not mutate it.
 */
export function jsonBody(c: Context): Promise<unknown> {
  throwBodyError(c)
  if (emptyBodies.has(c.req)) throw malformed()
  if (parsedBodies.has(c.req)) return Promise.resolve(parsedBodies.get(c.req))
  // A request without a body and without a Content-Type passes `jsonBodies` unparsed: a missing
  // body is the same 400 `malformed_json` as an empty one.
  return parseInto(c).then(() => parsedBodies.get(c.req))
}

/**
 * For routes whose JSON body is required, before their validator: no body, or an empty one, is
 * 400 `malformed_json` (the validator would read `{}` and answer 422 for its fields).
 */
export const requireJsonBody = createMiddleware<AppEnv>(async (c, next) => {
  throwBodyError(c)
  if (!parsedBodies.has(c.req)) throw malformed()
  await next()
})

/** The body `jsonBodies` parsed for this request, or `null` when it parsed none (no body). */
export function parsedJsonBody(c: Context): { value: unknown } | null {
  return parsedBodies.has(c.req) ? { value: parsedBodies.get(c.req) } : null
}

/**
 * The request body as text, refusing bytes that are not UTF-8 (400 `malformed_json`): a lenient
 * decoder would store U+FFFD in place of what the client sent. For bodies read whole (JSON, the
 * catalog); NDJSON imports are checked line by line (imports/ndjson.ts).
 */
export async function utf8Body(c: Context): Promise<string> {
  let bytes: ArrayBuffer
  try {
    bytes = await c.req.arrayBuffer()
  } catch (error) {
    if (error instanceof ApiError) throw error
    throw bodyCutOff()
  }
  try {
    return strictUtf8.decode(bytes)
  } catch {
    throw new ApiError('malformed_json', 'request body is not valid UTF-8')
  }
}

async function parseInto(c: Context): Promise<void> {
  const text = await utf8Body(c)
  // For the route's validator, which reads the text from Hono's cache.
  ;(c.req.bodyCache as Record<string, unknown>).text = Promise.resolve(text)
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw malformed()
  }
  // A card number is refused in every body, not only in orders: whatever a request holds is stored
  // (names, comments, policy documents, list items) or logged. One written as a long JSON number
  // is lost to rounding in `value`, so it is looked for in the text; the strings of an order the
  // engine scans itself (parseOrder), so evaluate and modify are not scanned twice.
  const orderOnly = ORDER_BODY_PATHS.test(c.req.path) && !WHOLE_SCAN_PATHS.test(c.req.path)
  const pan = findHiddenPan(text, value) ?? (orderOnly ? null : findPan(value))
  if (pan !== null) throw panDetected(pan)
  const issues = jsonSafetyIssues(value)
  if (issues.length > 0) {
    // A card number still wins over every other problem (orders.md), and is never echoed.
    const panPath = findPan(value)
    if (panPath !== null) throw panDetected(panPath)
    // An order's 422 names every field at fault (issue #3), the order's own problems included;
    // under a container nested too deep nothing was looked at, and the engine is not asked either.
    if (orderOnly && !issues.some(isDepthIssue)) {
      recordWrittenNumbers(text, value)
      issues.push(...orderIssuesBeside(value, issues))
    }
    throw new ApiError('validation_failed', 'request body cannot be stored', issues)
  }
  if (ORDER_BODY_PATHS.test(c.req.path)) recordWrittenNumbers(text, value)
  parsedBodies.set(c.req, value)
}

/** The order's own issues (as evaluate answers them) at paths the body's issues do not already name. */
function orderIssuesBeside(order: unknown, named: readonly Issue[]): Issue[] {
  const paths = new Set(named.map((issue) => issue.path))
  return orderIssues(order).filter((issue) => !paths.has(issue.path))
}

/**
 * Routes whose body is an order, holds one (simulate's `order`) or may quote one (cancel's
 * `reason`): a card number in any of them is refused (orders.md, "any string value").
 */
const ORDER_BODY_PATHS = /^\/v1\/clients\/[^/]+\/(orders\/[^/]+(\/cancel)?|simulate)\/?$/

/**
 * Of those, the bodies that hold more than the order the engine scans: scanned whole here, so that
 * a card number also wins over their other fields' errors, as it does for evaluate.
 */
const WHOLE_SCAN_PATHS = /\/(cancel|simulate)\/?$/

/**
 * Every JSON endpoint answers the same way to a bad body: over 1 MiB → 413, a body that is not
 * declared JSON → 415, JSON that does not parse → 400 `malformed_json`, JSON that cannot be stored
 * (U+0000, a lone surrogate, nesting deeper than MAX_JSON_DEPTH) → 422 `validation_failed`. The body is parsed here
 * once (see `jsonBody`) and its text stays in Hono's body cache for zValidator.
 *
 * With a Content-Length the limit is checked on the header (Node's parser never delivers more
 * bytes than declared) and the body is read without Hono's bodyLimit, whose `c.req.raw.body`
 * would build a full WHATWG Request and stream per request.
 */
export const jsonBodies = createMiddleware<AppEnv>(async (c, next) => {
  if (!WITH_BODY.has(c.req.method) || isStreamedBody(c)) return next()
  const headers = c.req.raw.headers
  const length = headers.get('content-length')
  const chunked = headers.has('transfer-encoding')
  // A problem is kept for the route's guard to answer after the role check (throwBodyError).
  let reached = false
  const proceed = async () => {
    reached = true
    await next()
  }
  const deferring = (check: () => void | Promise<void>) => async () => {
    try {
      await check()
    } catch (error) {
      if (!(error instanceof ApiError)) throw error
      refuseBody(c, error)
    }
    await proceed()
  }
  // Set once bodyLimit has read a chunked body whole (or at once when it does not read it).
  let read = false
  const check = deferring(async () => {
    read = true
    const type = headers.get('content-type')
    // Over HTTP a request has a body only when it declares one, by Content-Length or
    // Transfer-Encoding (RFC 9112 §6.3), although @hono/node-server gives every POST and DELETE a
    // body stream; a Request built in-process (app.request) carries its body with neither header.
    const overHttp = (c.env as { incoming?: unknown } | undefined)?.incoming !== undefined
    const hasBody = length !== null ? Number(length) > 0 : chunked || (!overHttp && c.req.raw.body !== null)
    if (!hasBody) {
      // An empty body is no body, whatever type a client declares for it (many send a JSON
      // Content-Type on every request): validators read it as they read a request without one
      // (an optional body), and a route that needs one refuses it as it refuses a missing one.
      if (declaresJson(type)) {
        emptyBodies.add(c.req)
        c.req.bodyCache.json = Promise.resolve({})
      }
      return
    }
    declaredBody(headers, ['json'])
    await parseInto(c)
  })
  if (length === null || chunked) {
    try {
      return await streamedLimit(c, check)
    } catch (error) {
      // bodyLimit refuses a chunked body over the limit before it calls `check`, and fails with the
      // socket's error when the body stops arriving.
      if (reached || read) throw error
      refuseBody(c, error instanceof ApiError ? error : bodyCutOff())
      return proceed()
    }
  }
  if (Number.parseInt(length || '0', 10) > JSON_BODY_LIMIT) return deferring(tooLarge)()
  return check()
})

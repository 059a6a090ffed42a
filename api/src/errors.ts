import type { Context, ErrorHandler, NotFoundHandler } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { AppEnv } from './context.js'
import {
  ConflictError,
  DatabaseUnavailableError,
  ImmutableRowError,
  InvalidReferenceError,
  mapPgError,
} from './db/pg-errors.js'

/** Every error code the API answers with (api.md "Errors"). Closed: add a code here, then its status. */
export type ErrorCode =
  | 'malformed_json'
  | 'bad_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'method_not_allowed'
  | 'conflict'
  | 'order_exists'
  | 'no_live_policy'
  | 'order_cancelled'
  | 'idempotency_key_in_use'
  | 'idempotency_key_reused'
  | 'request_timeout'
  | 'expectation_failed'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'headers_too_large'
  | 'validation_failed'
  | 'invalid_policy'
  | 'invalid_order'
  | 'invalid_import'
  | 'pan_detected'
  | 'rate_limited'
  | 'database_unavailable'
  | 'internal_error'

export function codeToStatus(code: ErrorCode): ContentfulStatusCode {
  switch (code) {
    case 'malformed_json':
    case 'bad_request':
      return 400
    case 'unauthorized':
      return 401
    case 'forbidden':
      return 403
    case 'not_found':
      return 404
    case 'method_not_allowed':
      return 405
    case 'request_timeout':
      return 408
    case 'expectation_failed':
      return 417
    case 'conflict':
    case 'order_exists':
    case 'no_live_policy':
    case 'order_cancelled':
    case 'idempotency_key_in_use':
      return 409
    case 'payload_too_large':
      return 413
    case 'unsupported_media_type':
      return 415
    case 'headers_too_large':
      return 431
    case 'idempotency_key_reused':
    case 'validation_failed':
    case 'invalid_policy':
    case 'invalid_order':
    case 'invalid_import':
    case 'pan_detected':
      return 422
    case 'rate_limited':
      return 429
    case 'internal_error':
      return 500
    case 'database_unavailable':
      return 503
  }
}

/** A field at fault. `path` is a JSON-path-like string (`rules[2].event.params.points`). */
export interface Issue {
  path: string
  message: string
  /** Import errors name the NDJSON line (1-based). */
  line?: number
  code?: string
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string; issues?: Issue[]; requestId: string }
}

/** The one error services and routes throw for an expected failure; onError renders it. */
export class ApiError extends Error {
  override readonly name = 'ApiError'
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: Issue[],
  ) {
    super(message)
  }
  get status(): ContentfulStatusCode {
    return codeToStatus(this.code)
  }
}

export const notFound = (what = 'resource') => new ApiError('not_found', `${what} not found`)
export const forbidden = (what: string) => new ApiError('forbidden', `this key's role may not ${what}`)

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/

/** Formats a path array the way api.md shows it: `rules[2].event.params.points`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = ''
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`
    else if (typeof segment === 'string' && IDENTIFIER.test(segment)) out += out ? `.${segment}` : segment
    else out += `[${JSON.stringify(String(segment))}]`
  }
  return out
}

export function errorBody(c: Context, code: ErrorCode, message: string, issues?: Issue[]): ErrorBody {
  const requestId = (c.get('requestId') as string | undefined) ?? 'unknown'
  return { error: { code, message, ...(issues?.length ? { issues } : {}), requestId } }
}

function fromHttpException(error: HTTPException): ApiError {
  switch (error.status) {
    case 400:
      return /json/i.test(error.message)
        ? new ApiError('malformed_json', 'request body is not valid JSON')
        : new ApiError('bad_request', error.message || 'bad request')
    case 401:
      return new ApiError('unauthorized', 'missing or invalid API key')
    case 404:
      return notFound()
    case 413:
      return new ApiError('payload_too_large', 'request body is larger than 1 MiB')
    case 415:
      return new ApiError('unsupported_media_type', 'request body must be application/json')
    default:
      return new ApiError('bad_request', error.message || 'bad request')
  }
}

function toApiError(error: unknown): ApiError | undefined {
  if (error instanceof ApiError) return error
  if (error instanceof HTTPException) return fromHttpException(error)
  const mapped = mapPgError(error)
  if (mapped instanceof DatabaseUnavailableError)
    return new ApiError('database_unavailable', 'database unavailable, retry')
  if (mapped instanceof ConflictError) return new ApiError('conflict', 'the resource already exists')
  if (mapped instanceof InvalidReferenceError) return notFound('referenced resource')
  if (mapped instanceof ImmutableRowError) return new ApiError('conflict', mapped.message)
  return undefined
}

/**
 * 422 for a card number found at `path` (orders.md): the field (and an NDJSON body's line) is
 * named, the digits never are.
 */
export const panDetected = (path: string, line?: number) =>
  new ApiError('pan_detected', `a card number was found in ${path}`, [
    {
      path,
      ...(line === undefined ? {} : { line }),
      message: 'contains a card number (never send one: a card is payment.card.bin and last4)',
    },
  ])

/**
 * A request body that failed to arrive (the client closed or reset the connection mid-body): the
 * client's failure, a 400, and never the 503 `database_unavailable` that its socket error code
 * (ECONNRESET) would otherwise be taken for (db/pg-errors.ts).
 */
export const bodyCutOff = () =>
  new ApiError('bad_request', 'the request body did not arrive whole (the connection was closed)')

/** Headers HTTP asks of some answers. */
const ERROR_HEADERS: Partial<Record<ErrorCode, Record<string, string>>> = {
  // RFC 9110 §11.6.1: a 401 names the scheme it wants.
  unauthorized: { 'WWW-Authenticate': 'Bearer' },
  // A body refused for its size was left unread, and the connection with it: the client is told
  // so, rather than told to keep it alive and then finding it closed under its next request.
  payload_too_large: { Connection: 'close' },
  // Retry-safe (api.md): when to try again.
  database_unavailable: { 'Retry-After': '1' },
}

/** Renders every thrown error as the one envelope; unknown errors are a 500 without details. */
export const onError: ErrorHandler<AppEnv> = (error, c) => {
  const apiError = toApiError(error)
  if (apiError) {
    for (const [name, value] of Object.entries(ERROR_HEADERS[apiError.code] ?? {})) c.header(name, value)
    return c.json(errorBody(c, apiError.code, apiError.message, apiError.issues), apiError.status)
  }
  c.get('logger')?.error({ err: error, requestId: c.get('requestId') }, 'unhandled error')
  return c.json(errorBody(c, 'internal_error', 'internal error'), 500)
}

export const notFoundHandler: NotFoundHandler<AppEnv> = (c) =>
  c.json(errorBody(c, 'not_found', `no route for ${c.req.method} ${c.req.path}`), 404)

export interface ZodIssueLike {
  path: readonly PropertyKey[]
  message: string
  code?: string
  /** An `invalid_union`'s issues per member, their paths relative to the union. */
  errors?: readonly (readonly ZodIssueLike[])[]
  /** An `unrecognized_keys` issue's keys. */
  keys?: readonly string[]
}

/**
 * zod reports an object's unknown keys in one issue at the object (`$` for a top-level typo); each
 * is named at its own path instead, so `{"lable": …}` names `lable`, the field to fix.
 */
export function splitUnknownKeys(issue: ZodIssueLike): ZodIssueLike[] {
  if (issue.code !== 'unrecognized_keys' || !issue.keys?.length) return [issue]
  return issue.keys.map((key) => ({ path: [...issue.path, key], message: 'is not a known field' }))
}

/** A member's issues say the value is not of its shape (another type, keys it does not have). */
const misfits = (issues: readonly ZodIssueLike[]) =>
  issues.some((i) => i.path.length === 0 && (i.code === 'unrecognized_keys' || i.code === 'invalid_type'))

/**
 * A union none of whose members matched is reported through the one member whose shape the value
 * has, so `{"candidate": {"version": "2"}}` names `candidate.version` instead of "Invalid input"
 * at `candidate`; with no such member, or several, the union's own issue stands.
 */
function resolveUnions(issue: ZodIssueLike): ZodIssueLike[] {
  if (issue.code !== 'invalid_union' || !issue.errors) return [issue]
  const fitting = issue.errors.filter((member) => member.length > 0 && !misfits(member))
  if (fitting.length !== 1) return [issue]
  return fitting[0]!.flatMap((inner) => resolveUnions({ ...inner, path: [...issue.path, ...inner.path] }))
}

/**
 * Hook for @hono/zod-validator: failures become the envelope. An invalid path parameter is a 404
 * (an id that cannot be valid names nothing); body, query and header failures are 422 with issues.
 */
export function validationHook(
  result: { success: boolean; target: string; error?: { issues: readonly ZodIssueLike[] } },
  _c: Context,
): undefined {
  if (result.success) return undefined
  if (result.target === 'param') throw notFound()
  const issues = (result.error?.issues ?? [])
    .flatMap(resolveUnions)
    .flatMap(splitUnknownKeys)
    .map((issue) => ({
      // The body itself (`null`, an array) is `$`, as in order, import and policy issues.
      path: issue.path.length === 0 ? '$' : formatPath(issue.path),
      message: issue.message,
    }))
  throw new ApiError('validation_failed', 'request is not valid', issues)
}

/** One field at fault, as the API's error envelope reports it (`line` for NDJSON imports). */
export interface ApiIssue {
  path: string
  message: string
  line?: number
  code?: string
}

/** A failed request, parsed from the `{error: {code, message, issues?, requestId}}` envelope. */
export class ApiError extends Error {
  override readonly name = 'ApiError'
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: ApiIssue[] = [],
    readonly requestId?: string,
  ) {
    super(message)
  }
}

function asIssues(raw: unknown): ApiIssue[] {
  if (!Array.isArray(raw)) return []
  return raw.flatMap((item) => {
    if (typeof item !== 'object' || item === null) return []
    const rec = item as Record<string, unknown>
    const path = Array.isArray(rec.path) ? rec.path.join('.') : String(rec.path ?? '')
    const issue: ApiIssue = { path, message: String(rec.message ?? '') }
    if (typeof rec.line === 'number') issue.line = rec.line
    if (typeof rec.code === 'string') issue.code = rec.code
    return [issue]
  })
}

/** Builds an ApiError from a non-2xx response body; tolerates bodies that are not the envelope. */
export function parseErrorBody(status: number, body: string): ApiError {
  let parsed: unknown
  try {
    parsed = JSON.parse(body)
  } catch {
    parsed = undefined
  }
  const env = (parsed as { error?: Record<string, unknown> } | undefined)?.error
  if (env && typeof env === 'object' && typeof env.code === 'string') {
    return new ApiError(
      status,
      env.code,
      typeof env.message === 'string' ? env.message : env.code,
      asIssues(env.issues),
      typeof env.requestId === 'string' ? env.requestId : undefined,
    )
  }
  return new ApiError(status, `http_${status}`, body.trim().slice(0, 200) || `HTTP ${status}`)
}

const plainByStatus: Record<number, string> = {
  400: 'The request was malformed.',
  401: 'Your API key was not accepted. Sign in again with a valid key.',
  403: 'Your role does not allow this action.',
  404: 'Not found, or not visible with your key.',
  409: 'This conflicts with the current state.',
  413: 'The request is too large.',
  415: 'The request was not JSON.',
  422: 'The data is not valid.',
  429: 'Too many requests; wait a moment and try again.',
  503: 'The database is unavailable right now; it is safe to retry.',
}

/** Something the user must fix before a request is sent (a draft that is not JSON); says what. */
export class InputError extends Error {
  constructor(
    readonly title: string,
    message: string,
  ) {
    super(message)
    this.name = 'InputError'
  }
}

/** A sentence a person can act on, from any error a request may throw (network, envelope, bug). */
export function describeError(err: unknown): { title: string; detail: string; requestId?: string } {
  if (err instanceof ApiError) {
    const title = plainByStatus[err.status] ?? `The server answered ${err.status}.`
    const out: { title: string; detail: string; requestId?: string } = { title, detail: err.message }
    if (err.requestId) out.requestId = err.requestId
    return out
  }
  if (err instanceof InputError) return { title: err.title, detail: err.message }
  if (err instanceof TypeError) {
    return { title: 'The server could not be reached.', detail: 'Check that the API is running.' }
  }
  return { title: 'Something went wrong.', detail: err instanceof Error ? err.message : String(err) }
}

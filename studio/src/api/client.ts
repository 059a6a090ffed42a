import { ApiError, parseErrorBody } from './api-error.js'

export type { ApiIssue } from './api-error.js'
export { ApiError, describeError } from './api-error.js'

export interface ApiClientOptions {
  /** '' = same origin (production build served by the API, or Vite's dev proxy). */
  baseUrl?: string
  getKey: () => string | null
  /** Called on every 401 so the app can return to the sign-in screen. */
  onUnauthorized?: () => void
  fetchImpl?: typeof fetch
}

type Query = Record<string, string | number | undefined | null>

export interface ApiClient {
  get(path: string, query?: Query): Promise<unknown>
  post(path: string, body?: unknown): Promise<unknown>
  put(path: string, body?: unknown): Promise<unknown>
}

export function buildUrl(base: string, path: string, query?: Query): string {
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v))
  }
  const qs = params.toString()
  return `${base}${path}${qs ? `?${qs}` : ''}`
}

/** Thin fetch wrapper: adds the key, parses JSON, turns every non-2xx into a typed ApiError. */
export function createApiClient(opts: ApiClientOptions): ApiClient {
  const base = opts.baseUrl ?? ''
  const doFetch = opts.fetchImpl ?? ((...a: Parameters<typeof fetch>) => fetch(...a))

  async function send(method: string, url: string, body?: unknown): Promise<unknown> {
    const headers: Record<string, string> = { accept: 'application/json' }
    const key = opts.getKey()
    if (key) headers.authorization = `Bearer ${key}`
    const init: RequestInit = { method, headers }
    if (body !== undefined) {
      headers['content-type'] = 'application/json'
      init.body = JSON.stringify(body)
    }
    const res = await doFetch(url, init)
    const text = await res.text()
    if (!res.ok) {
      if (res.status === 401) opts.onUnauthorized?.()
      throw parseErrorBody(res.status, text)
    }
    if (!text) return null
    try {
      return JSON.parse(text)
    } catch {
      throw new ApiError(
        res.status,
        'invalid_response',
        'The server answered with something that is not JSON.',
      )
    }
  }

  return {
    get: (path, query) => send('GET', buildUrl(base, path, query)),
    post: (path, body) => send('POST', buildUrl(base, path), body ?? {}),
    put: (path, body) => send('PUT', buildUrl(base, path), body ?? {}),
  }
}

import { type ApiClient, ApiError } from '../../api/client.js'
import type { Role } from '../../models/session.js'

/** 403 = the role lacks the permission; any other 4xx = it passed the permission check. */
async function allowed(call: () => Promise<unknown>): Promise<boolean | null> {
  try {
    await call()
    return true
  } catch (err) {
    if (!(err instanceof ApiError)) return null
    if (err.status === 403) return false
    return err.status >= 400 && err.status < 500 ? true : null
  }
}

/**
 * Fallback when the API has no `GET /v1/me`: infer the role from what the key may do on one of its
 * clients. Each probe is a request the API refuses before doing anything — the role check (403) runs
 * before body validation, so an empty body answers 400/422 when allowed and 403 when not. Nothing
 * is written.
 */
export async function probeRole(api: ApiClient, clientId: string): Promise<Role | null> {
  const base = `/v1/clients/${encodeURIComponent(clientId)}`
  const admin = await allowed(() => api.get(`${base}/api-keys`))
  if (admin) return 'admin'
  const author = await allowed(() => api.post(`${base}/policy/versions`, {}))
  if (author) return 'analyst'
  const publish = await allowed(() => api.post(`${base}/policy/versions/0/publish`, {}))
  if (publish) return 'publisher'
  const reproduce = await allowed(() => api.post(`${base}/decisions/dec_probe/reproduce`, {}))
  if (reproduce) return 'auditor'
  if (author === false && publish === false && reproduce === false) return 'integrator'
  return null
}

import { describe, expect, it } from 'vitest'
import { createApiClient } from '../../studio/src/api/client.js'
import { probeRole } from '../../studio/src/features/auth/probe-role.js'

// The permission table of api.md "Auth and roles", answered the way the API orders its checks:
// the role check (403) first, then validation of the empty probe body (422) or the unknown id (404).
const may: Record<string, (path: string, method: string) => boolean> = {
  admin: () => true,
  analyst: (p, m) => m === 'POST' && (p.endsWith('/policy/versions') || p.endsWith('/reproduce')),
  publisher: (p) => p.endsWith('/publish'),
  auditor: (p) => p.endsWith('/reproduce'),
  integrator: () => false,
}

function apiFor(role: string) {
  const fetchImpl = (async (url: string | URL | Request, init?: RequestInit) => {
    const path = String(url)
    const method = init?.method ?? 'GET'
    const ok = may[role]!(path, method)
    const code = ok ? (path.endsWith('/api-keys') ? 200 : 422) : 403
    const body =
      code === 200 ? '[]' : JSON.stringify({ error: { code: ok ? 'invalid' : 'forbidden', message: 'x' } })
    return new Response(body, { status: code })
  }) as typeof fetch
  return createApiClient({ getKey: () => 'k', fetchImpl })
}

describe('probeRole', () => {
  it.each(['admin', 'analyst', 'publisher', 'auditor', 'integrator'])(
    'recognises %s from refusals alone',
    async (role) => {
      expect(await probeRole(apiFor(role), 'acme')).toBe(role)
    },
  )

  it('gives up (null) when the server answers something else than 403 or 4xx', async () => {
    const fetchImpl = (async () => new Response('oops', { status: 503 })) as unknown as typeof fetch
    expect(await probeRole(createApiClient({ getKey: () => 'k', fetchImpl }), 'acme')).toBeNull()
  })
})

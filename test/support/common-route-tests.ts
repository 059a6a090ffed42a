import { describe, expect, it } from 'vitest'
import type { Role } from '../../api/src/db/tables.js'
import { createClientWithKeys } from './factories.js'
import type { Harness } from './harness.js'

export interface RouteUnderTest {
  method: string
  /** Builds the path for a client id. */
  path: (clientId: string) => string
  body?: unknown
  /** A role that is refused with 403 on its own client; omit when every scoped role may call it. */
  forbiddenRole?: Role
}

/**
 * The checks every client-scoped route shares (api.md "Auth and roles"): 401 without or with a bad
 * key, 404 for another tenant's key and for a client id that cannot exist, 403 for a role that
 * lacks the permission. Every error uses the one envelope with a requestId.
 */
export function describeCommonRouteTests(h: Harness, route: RouteUnderTest): void {
  describe(`${route.method} ${route.path(':clientId')} (common)`, () => {
    const send = (path: string, key?: string) =>
      h.request(route.method, path, {
        ...(key ? { key } : {}),
        ...(route.body !== undefined ? { body: route.body } : {}),
      })

    it('returns 401 without a key', async () => {
      const { clientId } = await createClientWithKeys(h)
      const res = await send(route.path(clientId))
      expect(res.status).toBe(401)
      expect(res.body.error.code).toBe('unauthorized')
      expect(typeof res.body.error.requestId).toBe('string')
    })

    it('returns 401 with an unknown key', async () => {
      const { clientId } = await createClientWithKeys(h)
      const res = await send(route.path(clientId), 'vk_not-a-real-key')
      expect(res.status).toBe(401)
    })

    it("returns 404 for another client's key", async () => {
      const mine = await createClientWithKeys(h)
      const other = await createClientWithKeys(h)
      const res = await send(route.path(mine.clientId), other.keys.admin)
      expect(res.status).toBe(404)
      expect(res.body.error.code).toBe('not_found')
    })

    it('returns 404 for a client id that cannot be valid', async () => {
      const res = await send(route.path('NOT_valid!'), h.adminKey)
      expect(res.status).toBe(404)
    })

    it('returns 404 for a client that does not exist', async () => {
      const res = await send(route.path('no-such-client'), h.adminKey)
      expect(res.status).toBe(404)
    })

    if (route.forbiddenRole) {
      const role = route.forbiddenRole
      it(`returns 403 forbidden for the ${role} role on its own client`, async () => {
        const { clientId, keys } = await createClientWithKeys(h)
        const res = await send(route.path(clientId), keys[role])
        expect(res.status).toBe(403)
        expect(res.body.error.code).toBe('forbidden')
      })
    }
  })
}

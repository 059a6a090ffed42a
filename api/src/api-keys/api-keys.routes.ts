import { zValidator } from '@hono/zod-validator'
import { Hono } from 'hono'
import { requirePermission } from '../auth/authenticate.js'
import type { AppEnv } from '../context.js'
import { validationHook } from '../errors.js'
import { requireJsonBody } from '../http/json-body.js'
import { ApiKeyIdParams, CreateApiKeyBody } from './api-keys.schemas.js'
import { createApiKey, listApiKeys, revokeApiKey, scopeOfNewKey } from './api-keys.service.js'

/** Key management is admin-only (api.md); listing and revoking are extensions. */
const adminOnly = (what: string) => requirePermission('api-keys:manage', what)

export const apiKeysRoutes = new Hono<AppEnv>()
  .post(
    '/',
    adminOnly('create API keys'),
    requireJsonBody,
    zValidator('json', CreateApiKeyBody, validationHook),
    async (c) => {
      const body = c.req.valid('json')
      const created = await createApiKey(c.get('deps').db, {
        clientIds: await scopeOfNewKey(
          c.get('deps').db,
          c.get('principal'),
          c.get('client').id,
          body.clientIds,
        ),
        name: body.name,
        role: body.role,
        createdBy: c.get('principal'),
      })
      // The key is stored only as its hash (api.md): an Idempotency-Key retry answers key: null.
      c.set('unstoredFields', ['key'])
      return c.json(created, 201)
    },
  )
  .get('/', adminOnly('list API keys'), async (c) => {
    return c.json({ data: await listApiKeys(c.get('deps').db, c.get('client').id) })
  })
  .delete(
    '/:keyId',
    adminOnly('revoke API keys'),
    zValidator('param', ApiKeyIdParams, validationHook),
    async (c) => {
      await revokeApiKey(c.get('deps').db, c.get('client').id, c.req.valid('param').keyId)
      return c.body(null, 204)
    },
  )

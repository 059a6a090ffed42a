import { zValidator } from '@hono/zod-validator'
import { Hono } from 'hono'
import { requirePermission } from '../auth/authenticate.js'
import type { AppEnv } from '../context.js'
import { validationHook } from '../errors.js'
import { requireJsonBody } from '../http/json-body.js'
import { CreateClientBody } from './clients.schemas.js'
import { createClient, getClient, listVisibleClients } from './clients.service.js'

export const clientsRoutes = new Hono<AppEnv>()
  .post(
    '/',
    requirePermission('clients:create', 'create clients'),
    requireJsonBody,
    zValidator('json', CreateClientBody, validationHook),
    async (c) => {
      const client = await createClient(c.get('deps').db, c.req.valid('json'), c.get('principal'))
      return c.json(client, 201)
    },
  )
  .get('/', async (c) => {
    return c.json({ data: await listVisibleClients(c.get('deps').db, c.get('principal')) })
  })
  .get('/:clientId', requirePermission('clients:read'), async (c) => {
    // authenticate already resolved (and scoped) the client; read the full row.
    return c.json(await getClient(c.get('deps').db, c.get('client').id))
  })

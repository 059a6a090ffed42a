import { Hono } from 'hono'
import { listVisibleClients } from '../clients/clients.service.js'
import type { AppEnv } from '../context.js'
import { describeRoute } from '../openapi/registry.js'
import { MeResponse } from './me.schemas.js'

/**
 * GET /v1/me (extension): who the key is, so a UI can adapt to its role and scope without probing
 * for 403s. It reveals nothing the key could not already list with GET /v1/clients.
 */
export const meRoutes = new Hono<AppEnv>().get('/', async (c) => {
  const principal = c.get('principal')
  const clients = principal.global
    ? null
    : (await listVisibleClients(c.get('deps').db, principal)).map((client) => client.id)
  const body: MeResponse = { id: principal.keyId, name: principal.name, role: principal.role, clients }
  return c.json(body)
})

describeRoute({
  method: 'get',
  path: '/v1/me',
  summary: 'The calling API key: role and client scope',
  tag: 'auth',
  roles: 'any',
  responses: { 200: { description: 'The key', schema: MeResponse } },
})

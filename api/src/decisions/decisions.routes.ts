import { zValidator } from '@hono/zod-validator'
import { Hono } from 'hono'
import { requirePermission } from '../auth/authenticate.js'
import type { AppEnv } from '../context.js'
import { validationHook } from '../errors.js'
import { DecisionParams, ListDecisionsQuery } from './decisions.schemas.js'
import { getDecision, listDecisions, reproduceDecision } from './decisions.service.js'

/** Mounted at /v1/clients/:clientId/decisions. */
export const decisionsRoutes = new Hono<AppEnv>()
  .get(
    '/',
    requirePermission('decisions:read'),
    zValidator('query', ListDecisionsQuery, validationHook),
    async (c) => {
      return c.json(await listDecisions(c.get('deps').db, c.get('client').id, c.req.valid('query')))
    },
  )
  .get(
    '/:decisionId',
    requirePermission('decisions:read'),
    zValidator('param', DecisionParams, validationHook),
    async (c) => {
      const { decisionId } = c.req.valid('param')
      return c.json(
        await getDecision(c.get('deps').db, c.get('services').policies, c.get('client').id, decisionId),
      )
    },
  )
  .post(
    '/:decisionId/reproduce',
    requirePermission('decisions:reproduce', 'reproduce decisions'),
    zValidator('param', DecisionParams, validationHook),
    async (c) => {
      const { decisionId } = c.req.valid('param')
      return c.json(
        await reproduceDecision(c.get('deps').db, c.get('services').policies, c.get('client').id, decisionId),
      )
    },
  )

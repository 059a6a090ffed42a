import { zValidator } from '@hono/zod-validator'
import { Hono } from 'hono'
import { requirePermission } from '../auth/authenticate.js'
import type { AppEnv, Principal } from '../context.js'
import { validationHook } from '../errors.js'
import { jsonBody, parsedJsonBody, requireJsonBody } from '../http/json-body.js'
import { CancelBody, OrderParams, SimulateBody } from './evaluations.schemas.js'
import { cancelOrder, evaluateNewOrder, modifyOrder } from './evaluations.service.js'
import { simulate } from './simulate.service.js'

/** The stored key to re-check for revocation (the bootstrap admin key lives in the environment). */
const callingKeyId = (principal: Principal) => (principal.global ? null : principal.keyId)

/**
 * Mounted at /v1/clients/:clientId/orders. The order body is validated by the engine's parseOrder
 * (422 with every field issue, or pan_detected), not by a zod validator here.
 */
export const ordersRoutes = new Hono<AppEnv>()
  .post('/evaluate', requirePermission('orders:write', 'evaluate orders'), async (c) => {
    const decision = await evaluateNewOrder(
      c.get('services').evaluation,
      c.get('client'),
      await jsonBody(c),
      callingKeyId(c.get('principal')),
    )
    return c.json(decision, 200)
  })
  .put(
    '/:orderId',
    requirePermission('orders:write', 'modify orders'),
    zValidator('param', OrderParams, validationHook),
    async (c) => {
      const { orderId } = c.req.valid('param')
      const decision = await modifyOrder(
        c.get('services').evaluation,
        c.get('client'),
        orderId,
        await jsonBody(c),
        callingKeyId(c.get('principal')),
      )
      return c.json(decision, 200)
    },
  )
  .post(
    '/:orderId/cancel',
    requirePermission('orders:write', 'cancel orders'),
    zValidator('param', OrderParams, validationHook),
    zValidator('json', CancelBody, validationHook),
    async (c) => {
      const { orderId } = c.req.valid('param')
      const reason = c.req.valid('json').reason ?? null
      return c.json(await cancelOrder(c.get('services').evaluation, c.get('client').id, orderId, reason), 200)
    },
  )

/** Mounted at /v1/clients/:clientId/simulate. */
export const simulateRoutes = new Hono<AppEnv>().post(
  '/',
  requirePermission('simulate', 'simulate'),
  requireJsonBody,
  zValidator('json', SimulateBody, validationHook),
  async (c) => {
    // The order as jsonBodies parsed it: its numbers' written text is known (written-numbers.ts).
    const raw = parsedJsonBody(c)?.value as { order?: unknown } | undefined
    const body = { ...c.req.valid('json'), order: raw?.order ?? c.req.valid('json').order }
    return c.json(await simulate(c.get('services').evaluation, c.get('client'), body), 200)
  },
)

import { zValidator } from '@hono/zod-validator'
import { Hono } from 'hono'
import { requirePermission } from '../auth/authenticate.js'
import type { AppEnv } from '../context.js'
import { validationHook } from '../errors.js'
import { declaredBody } from '../http/media-type.js'
import { describeRoute } from '../openapi/registry.js'
import { ImportLineSchema, ImportParams, ImportResponse } from './imports.schemas.js'
import { importOrders } from './imports.service.js'

export const importRoutes = new Hono<AppEnv>().post(
  '/',
  requirePermission('orders:write', 'import orders'),
  zValidator('param', ImportParams, validationHook),
  async (c) => {
    declaredBody(c.req.raw.headers, ['ndjson'])
    // The body is streamed line by line, never buffered: no size limit applies (api.md).
    const result = await importOrders(c.get('deps').db, c.get('client').id, c.req.raw.body)
    return c.json(result, 200)
  },
)

describeRoute({
  method: 'post',
  path: '/v1/clients/:clientId/orders/import',
  summary: 'Import past orders (NDJSON, all or nothing)',
  description:
    'One `{order, label?}` per line, streamed (no size limit). Stores orders and labels for replay; no decisions, no notifications. Every line is validated; one bad line stores nothing and 422 `invalid_import` lists up to 100 issues with their line numbers. A card number on any line is 422 `pan_detected`. An order id already stored with the same content counts as `unchanged` (its label may be set); with different content it is an issue.',
  tag: 'orders',
  roles: ['admin', 'integrator'],
  params: ImportParams,
  body: { ndjsonLine: ImportLineSchema },
  responses: { 200: { description: 'Imported', schema: ImportResponse } },
  errors: [415],
})

import { zValidator } from '@hono/zod-validator'
import { Hono } from 'hono'
import { requirePermission } from '../auth/authenticate.js'
import type { AppEnv } from '../context.js'
import { validationHook } from '../errors.js'
import { utf8Body } from '../http/json-body.js'
import { declaredBody } from '../http/media-type.js'
import { limitBody } from '../middleware/body-limit.js'
import { describeRoute } from '../openapi/registry.js'
import {
  CatalogItemInput,
  CatalogItemParams,
  CatalogItemResponse,
  CatalogParams,
  CatalogUpsertBody,
  CatalogUpsertResponse,
} from './catalog.schemas.js'
import { createCatalogService } from './catalog.service.js'

export const catalogRoutes = new Hono<AppEnv>()
  .put(
    '/',
    requirePermission('catalog:write', 'write the catalog'),
    limitBody(),
    zValidator('param', CatalogParams, validationHook),
    async (c) => {
      const ndjson = declaredBody(c.req.raw.headers, ['json', 'ndjson']) === 'ndjson'
      const result = await createCatalogService(c.get('deps').db).upsert(
        c.get('client').id,
        await utf8Body(c),
        ndjson,
      )
      return c.json(result, 200)
    },
  )
  .get(
    '/:sku',
    requirePermission('catalog:read', 'read the catalog'),
    zValidator('param', CatalogItemParams, validationHook),
    async (c) => {
      const item = await createCatalogService(c.get('deps').db).get(
        c.get('client').id,
        c.req.valid('param').sku,
      )
      return c.json(item, 200)
    },
  )

describeRoute({
  method: 'put',
  path: '/v1/clients/:clientId/catalog',
  summary: 'Bulk upsert catalog items',
  description:
    'A JSON array, or NDJSON with one item per line. Every row is validated first; one bad row stores nothing and 422 lists each problem by row index and field. Prices may not have more decimals than their currency.',
  tag: 'catalog',
  roles: ['admin', 'integrator', 'analyst'],
  params: CatalogParams,
  body: { schema: CatalogUpsertBody, ndjsonLine: CatalogItemInput },
  responses: { 200: { description: 'Rows inserted and updated', schema: CatalogUpsertResponse } },
  errors: [413, 415],
  idempotent: false,
})
describeRoute({
  method: 'get',
  path: '/v1/clients/:clientId/catalog/:sku',
  summary: 'One catalog item',
  tag: 'catalog',
  roles: 'any',
  params: CatalogItemParams,
  responses: { 200: { description: 'The item', schema: CatalogItemResponse } },
})

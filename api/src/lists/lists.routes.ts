import { zValidator } from '@hono/zod-validator'
import { Hono } from 'hono'
import { requirePermission } from '../auth/authenticate.js'
import type { AppEnv } from '../context.js'
import { validationHook } from '../errors.js'
import { requireJsonBody } from '../http/json-body.js'
import { describeRoute } from '../openapi/registry.js'
import {
  AddListItemsBody,
  AddListItemsResponse,
  ListDetail,
  ListItemParams,
  ListParams,
  ListSummary,
  ListsParams,
  ListsResponse,
  PutListBody,
} from './lists.schemas.js'
import { createListsService } from './lists.service.js'

const read = requirePermission('lists:read', 'read managed lists')
const write = requirePermission('lists:write', 'change managed lists')

export const listsRoutes = new Hono<AppEnv>()
  .get('/', read, async (c) => {
    return c.json({ data: await createListsService(c.get('deps').db).list(c.get('client').id) }, 200)
  })
  .get('/:name', read, zValidator('param', ListParams, validationHook), async (c) => {
    return c.json(
      await createListsService(c.get('deps').db).get(c.get('client').id, c.req.valid('param').name),
      200,
    )
  })
  .put(
    '/:name',
    write,
    zValidator('param', ListParams, validationHook),
    requireJsonBody,
    zValidator('json', PutListBody, validationHook),
    async (c) => {
      const service = createListsService(c.get('deps').db)
      const { created, list } = await service.put(
        c.get('client').id,
        c.req.valid('param').name,
        c.req.valid('json'),
      )
      return c.json(list, created ? 201 : 200)
    },
  )
  .post(
    '/:name/items',
    write,
    zValidator('param', ListParams, validationHook),
    requireJsonBody,
    zValidator('json', AddListItemsBody, validationHook),
    async (c) => {
      const service = createListsService(c.get('deps').db)
      return c.json(
        await service.addItems(c.get('client').id, c.req.valid('param').name, c.req.valid('json')),
        200,
      )
    },
  )
  .delete('/:name/items/:value', write, zValidator('param', ListItemParams, validationHook), async (c) => {
    const { name, value } = c.req.valid('param')
    await createListsService(c.get('deps').db).removeItem(c.get('client').id, name, value)
    return c.body(null, 204)
  })

const base = '/v1/clients/:clientId/lists'
describeRoute({
  method: 'get',
  path: base,
  summary: 'Managed lists of the client (without their items)',
  tag: 'lists',
  roles: 'any',
  params: ListsParams,
  responses: { 200: { description: 'The lists', schema: ListsResponse } },
})
describeRoute({
  method: 'get',
  path: `${base}/:name`,
  summary: 'One managed list with its items',
  tag: 'lists',
  roles: 'any',
  params: ListParams,
  responses: { 200: { description: 'The list', schema: ListDetail } },
})
describeRoute({
  method: 'put',
  path: `${base}/:name`,
  summary: 'Create or replace a managed list',
  description:
    'Replaces the description and every item. Values are stored trimmed and lower-cased (how inList compares). Takes effect for the next evaluation, without a new policy version.',
  tag: 'lists',
  roles: ['admin', 'analyst'],
  params: ListParams,
  body: { schema: PutListBody },
  responses: {
    200: { description: 'Replaced', schema: ListSummary },
    201: { description: 'Created', schema: ListSummary },
  },
})
describeRoute({
  method: 'post',
  path: `${base}/:name/items`,
  summary: 'Add items to a managed list',
  description: 'Values already in the list are skipped (`added` counts the new ones).',
  tag: 'lists',
  roles: ['admin', 'analyst'],
  params: ListParams,
  body: { schema: AddListItemsBody },
  responses: { 200: { description: 'The list after the change', schema: AddListItemsResponse } },
})
describeRoute({
  method: 'delete',
  path: `${base}/:name/items/:value`,
  summary: 'Remove one item from a managed list',
  description: 'The value is normalised like stored values; 404 when the list or the value is absent.',
  tag: 'lists',
  roles: ['admin', 'analyst'],
  params: ListItemParams,
  responses: { 204: { description: 'Removed' } },
})

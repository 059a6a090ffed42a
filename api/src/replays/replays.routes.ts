import { zValidator } from '@hono/zod-validator'
import { Hono } from 'hono'
import { requirePermission } from '../auth/authenticate.js'
import type { AppDeps, AppEnv } from '../context.js'
import { validationHook } from '../errors.js'
import { requireJsonBody } from '../http/json-body.js'
import { describeRoute } from '../openapi/registry.js'
import { replayOrderDetail } from './replay-order-detail.service.js'
import { listOrders } from './replay-orders.service.js'
import { replaySample } from './replay-sample.service.js'
import { defaultScheduler, type ReplayScheduler } from './replay-scheduler.js'
import {
  CreatedReplayResponse,
  CreateReplayBody,
  ReplayOrderDetailResponse,
  ReplayOrderParams,
  ReplayOrdersQuery,
  ReplayOrdersResponse,
  ReplayParams,
  ReplaySampleQuery,
  ReplaySampleResponse,
  ReplaySchema,
} from './replays.schemas.js'
import { cancel, createReplay, getReplay } from './replays.service.js'

/**
 * Optional app deps of the replay module: where chunks run (default: in this process) and the
 * chunk size. The API entry passes the pg-boss scheduler when it runs on a PostgreSQL server.
 */
export interface ReplayDeps {
  replayScheduler?: ReplayScheduler
  replayChunkSize?: number
}

export const DEFAULT_CHUNK_SIZE = 50_000

function serviceDeps(deps: AppDeps & ReplayDeps) {
  return {
    db: deps.db,
    scheduler: deps.replayScheduler ?? defaultScheduler(deps.db, deps.logger),
    chunkSize: deps.replayChunkSize ?? (Number(process.env.REPLAY_CHUNK_SIZE) || DEFAULT_CHUNK_SIZE),
  }
}

/** Mounted at /v1/clients/:clientId/replays. */
export const replaysRoutes = new Hono<AppEnv>()
  // Before '/:replayId', which would otherwise take "sample" for an id.
  .get(
    '/sample',
    requirePermission('replays:read'),
    zValidator('query', ReplaySampleQuery, validationHook),
    async (c) => {
      return c.json(await replaySample(c.get('deps').db, c.get('client').id, c.req.valid('query').limit))
    },
  )
  .post(
    '/',
    requirePermission('replays:run', 'run replays'),
    requireJsonBody,
    zValidator('json', CreateReplayBody, validationHook),
    async (c) => {
      const body = c.req.valid('json')
      return c.json(
        await createReplay(serviceDeps(c.get('deps')), c.get('client'), c.get('principal'), body),
        202,
      )
    },
  )
  .get(
    '/:replayId',
    requirePermission('replays:read'),
    zValidator('param', ReplayParams, validationHook),
    async (c) => {
      return c.json(await getReplay(c.get('deps').db, c.get('client').id, c.req.valid('param').replayId))
    },
  )
  .delete(
    '/:replayId',
    requirePermission('replays:run', 'cancel replays'),
    zValidator('param', ReplayParams, validationHook),
    async (c) => c.json(await cancel(c.get('deps').db, c.get('client').id, c.req.valid('param').replayId)),
  )
  .get(
    '/:replayId/orders',
    requirePermission('replays:read'),
    zValidator('param', ReplayParams, validationHook),
    zValidator('query', ReplayOrdersQuery, validationHook),
    async (c) => {
      const { replayId } = c.req.valid('param')
      return c.json(await listOrders(c.get('deps').db, c.get('client').id, replayId, c.req.valid('query')))
    },
  )
  .get(
    '/:replayId/orders/:orderId',
    requirePermission('replays:read'),
    zValidator('param', ReplayOrderParams, validationHook),
    async (c) => {
      const { replayId, orderId } = c.req.valid('param')
      return c.json(await replayOrderDetail(c.get('deps').db, c.get('client').id, replayId, orderId))
    },
  )

const base = '/v1/clients/:clientId/replays'
describeRoute({
  method: 'post',
  path: base,
  summary: 'Replay stored orders against a candidate policy',
  description:
    'Evaluates the baseline (default: the live version) and the candidate (a saved version or an unsaved document) on the orders created in [from, to) (the most recent `limit` of them), each as of its createdAt: velocity recomputed over the stored orders, catalog and managed lists from the decision stored with the order when there is one. Runs in the background; poll GET for progress and the summary.',
  tag: 'replays',
  roles: ['admin', 'analyst'],
  body: { schema: CreateReplayBody },
  responses: { 202: { description: 'The replay is queued', schema: CreatedReplayResponse } },
  errors: [409, 422],
  idempotent: true,
})
describeRoute({
  method: 'get',
  path: `${base}/:replayId`,
  summary: 'Status, progress and (when done) summary of a replay',
  tag: 'replays',
  roles: 'any',
  params: ReplayParams,
  responses: { 200: { description: 'The replay', schema: ReplaySchema } },
})
describeRoute({
  method: 'delete',
  path: `${base}/:replayId`,
  summary: 'Cancel a queued or running replay',
  tag: 'replays',
  roles: ['admin', 'analyst'],
  params: ReplayParams,
  responses: { 200: { description: 'The cancelled replay', schema: ReplaySchema } },
  errors: [409],
})
describeRoute({
  method: 'get',
  path: `${base}/:replayId/orders`,
  summary: 'Replayed orders (newest first), optionally only those whose outcome changed',
  tag: 'replays',
  roles: 'any',
  params: ReplayParams,
  query: ReplayOrdersQuery,
  responses: { 200: { description: 'A page of replayed orders', schema: ReplayOrdersResponse } },
})
describeRoute({
  method: 'get',
  path: `${base}/:replayId/orders/:orderId`,
  summary: 'One replayed order evaluated again by both versions, with traces (drill-down)',
  tag: 'replays',
  roles: 'any',
  params: ReplayOrderParams,
  responses: {
    200: {
      description: 'The order, its data as of createdAt and both decisions',
      schema: ReplayOrderDetailResponse,
    },
  },
})
describeRoute({
  method: 'get',
  path: `${base}/sample`,
  summary: 'The most recent orders with the client data of their time (live impact in the editor)',
  description:
    "Velocity and isFirstOrder as of each order's createdAt (the replay's sliding windows); catalog and managed lists from the order's stored decision when there is one (`catalog`/`lists` present), else the current `catalog` and `managedLists` given once.",
  tag: 'replays',
  roles: 'any',
  query: ReplaySampleQuery,
  responses: { 200: { description: 'The sample', schema: ReplaySampleResponse } },
})

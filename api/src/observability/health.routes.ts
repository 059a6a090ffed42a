import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../context.js'
import { errorBody } from '../errors.js'
import { describeRoute } from '../openapi/registry.js'
import { pingDatabase } from './health.repository.js'
import { metrics } from './metrics.js'

/** A ready-check must answer fast even when the database hangs (a load balancer is waiting). */
const READY_TIMEOUT_MS = 2000

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

export const healthRoutes = new Hono<AppEnv>()
  .get('/healthz', (c) => c.json({ status: 'ok' }, 200))
  .get('/readyz', async (c) => {
    try {
      await withTimeout(pingDatabase(c.get('deps').db), READY_TIMEOUT_MS)
      return c.json({ status: 'ready' }, 200)
    } catch (error) {
      c.get('logger').warn({ err: error }, 'readiness check failed')
      return c.json(errorBody(c, 'database_unavailable', 'database unavailable, retry'), 503, {
        'Retry-After': '1',
      })
    }
  })
  .get('/metrics', async (c) => {
    return c.body(await metrics.render(), 200, { 'content-type': metrics.contentType })
  })

describeRoute({
  method: 'get',
  path: '/healthz',
  summary: 'Liveness: the process is up',
  tag: 'operations',
  roles: 'public',
  responses: { 200: { description: 'Up', schema: z.object({ status: z.literal('ok') }) } },
})
describeRoute({
  method: 'get',
  path: '/readyz',
  summary: 'Readiness: the database answers',
  tag: 'operations',
  roles: 'public',
  responses: { 200: { description: 'Ready', schema: z.object({ status: z.literal('ready') }) } },
  errors: [503],
})
describeRoute({
  method: 'get',
  path: '/metrics',
  summary: 'Prometheus metrics',
  tag: 'operations',
  roles: 'public',
  responses: { 200: { description: 'Prometheus text format', contentType: 'text/plain' } },
})

import type { MiddlewareHandler } from 'hono'
import { routePath } from 'hono/route'
import type { Logger } from '../context.js'
import type { Metrics } from './metrics.js'

/**
 * The route TEMPLATE (`/v1/clients/:clientId/catalog/:sku`), never the concrete path: concrete
 * paths would explode metric cardinality and carry client ids, SKUs or list values into the logs.
 */
export function routeTemplate(c: Parameters<MiddlewareHandler>[0]): string {
  const path = routePath(c, -1)
  return !path || path.endsWith('*') ? 'unmatched' : path
}

/**
 * Logs one line per request (method, route template, status, duration, requestId) and feeds the
 * HTTP metrics. Bodies and query strings are never logged: they carry personal data.
 */
export function requestLogger(deps: { logger: Logger; metrics: Metrics }): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now()
    try {
      await next()
    } finally {
      const durationMs = performance.now() - started
      const route = routeTemplate(c)
      const status = c.res.status
      deps.metrics.recordRequest(c.req.method, route, status, durationMs)
      const line = {
        requestId: (c.get as (key: string) => unknown)('requestId'),
        method: c.req.method,
        route,
        status,
        durationMs: Math.round(durationMs * 100) / 100,
      }
      if (status >= 500) deps.logger.error(line, 'request failed')
      else deps.logger.info(line, 'request')
    }
  }
}

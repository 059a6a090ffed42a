import type { MiddlewareHandler } from 'hono'
import { matchedRoutes } from 'hono/route'
import type { Logger } from '../context.js'
import type { Metrics } from './metrics.js'

/**
 * The route TEMPLATE (`/v1/clients/:clientId/catalog/:sku`), never the concrete path: concrete
 * paths would explode metric cardinality and carry client ids, SKUs or list values into the logs.
 * It is the last matching route that is not a wildcard: middlewares (`/v1/*`, the studio's `/*`
 * mounted after the API) match too, and a request refused by one (401) still counts under the
 * route it asked for.
 */
export function routeTemplate(c: Parameters<MiddlewareHandler>[0]): string {
  const routes = matchedRoutes(c)
  for (let i = routes.length - 1; i >= 0; i--) {
    const path = routes[i]!.path
    if (!path.endsWith('*')) return path
  }
  return 'unmatched'
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

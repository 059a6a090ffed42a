import type { MiddlewareHandler } from 'hono'
import { matchedRoutes, routePath } from 'hono/route'
import type { Logger } from '../context.js'
import type { Metrics } from './metrics.js'

/**
 * The route TEMPLATE (`/v1/clients/:clientId/catalog/:sku`), never the concrete path: concrete
 * paths would explode metric cardinality and carry client ids, SKUs or list values into the logs.
 * It is the route whose handler answered (the deepest one dispatched): `GET …/replays/sample` also
 * matches `…/replays/:replayId`, registered after it, which never ran. A request refused by a
 * middleware (`/v1/*`: a 401) counts under the first endpoint it matched, the one it asked for.
 */
export function routeTemplate(c: Parameters<MiddlewareHandler>[0]): string {
  const answered = routePath(c)
  if (answered && !answered.endsWith('*')) return answered
  for (const { path } of matchedRoutes(c)) if (!path.endsWith('*')) return path
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

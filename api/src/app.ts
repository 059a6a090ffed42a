import { Hono } from 'hono'
import { createMiddleware } from 'hono/factory'
import { requestId } from 'hono/request-id'
import { apiKeysRoutes } from './api-keys/api-keys.routes.js'
import { authenticate } from './auth/authenticate.js'
import { catalogRoutes } from './catalog/catalog.routes.js'
import { clientsRoutes } from './clients/clients.routes.js'
import type { AppDeps, AppEnv, Logger } from './context.js'
import { decisionsRoutes } from './decisions/decisions.routes.js'
import { findPan } from './engine.js'
import { notFoundHandler, onError } from './errors.js'
import { ordersRoutes, simulateRoutes } from './evaluations/evaluations.routes.js'
import { jsonBodies } from './http/json-body.js'
import { importRoutes } from './imports/imports.routes.js'
import { listsRoutes } from './lists/lists.routes.js'
import { meRoutes } from './me/me.routes.js'
import { idempotency } from './middleware/idempotency.js'
import { DEFAULT_RATE_LIMIT_PER_MINUTE, rateLimit } from './middleware/rate-limit.js'
import { healthRoutes } from './observability/health.routes.js'
import { metrics } from './observability/metrics.js'
import { requestLogger } from './observability/request-logger.js'
import { createOpenApiRoutes } from './openapi/openapi.routes.js'
import { policiesRoutes } from './policies/policies.routes.js'
import { replaysRoutes } from './replays/replays.routes.js'
import { createServices } from './services.js'

const silent: Logger = { info() {}, warn() {}, error() {} }

/**
 * Builds the HTTP app from its dependencies (tests pass the harness database).
 *
 * Route modules are mounted in ONE alphabetised chain below so AppType carries every route. To add
 * a module (e.g. the periphery's catalog), export `catalogRoutes = new Hono<AppEnv>().put('/', …)`
 * from api/src/catalog/catalog.routes.ts and add one line to the chain:
 *   .route('/v1/clients/:clientId/catalog', catalogRoutes)
 * Handlers get the already-authorised client from `c.get('client')` (id, liveVersion), the caller from
 * `c.get('principal')`, the database from `c.get('deps').db` (not `c.var`: Hono builds a new object of
 * every variable on each `c.var` access, ~10 per evaluate); guard writes with
 * `requirePermission('catalog:write')`; validate with `zValidator(target, schema, validationHook)`
 * and throw `ApiError` for expected failures. Everything under /v1 is authenticated; anything
 * outside /v1 (healthz, metrics, openapi, docs, the studio) is public.
 */
export function createApp(deps: AppDeps) {
  const services = createServices(deps)
  const logger = deps.logger ?? silent
  const app = new Hono<AppEnv>()
  app.onError(onError)
  app.notFound(notFoundHandler)
  app.use(
    requestId(),
    // A caller's X-Request-Id is kept for correlation and logged; one that carries a card number
    // (orders.md: never logged) is replaced, as Hono replaces one it cannot accept.
    createMiddleware<AppEnv>(async (c, next) => {
      if (findPan(c.get('requestId')) !== null) {
        c.set('requestId', crypto.randomUUID())
        c.header('X-Request-Id', c.get('requestId'))
      }
      await next()
    }),
    requestLogger({ logger, metrics }),
    createMiddleware<AppEnv>(async (c, next) => {
      c.set('deps', deps)
      c.set('services', services)
      c.set('logger', logger)
      await next()
    }),
  )
  app.use(
    '/v1/*',
    authenticate,
    rateLimit({ points: deps.env.RATE_LIMIT_PER_MINUTE ?? DEFAULT_RATE_LIMIT_PER_MINUTE }),
    jsonBodies,
    idempotency,
  )
  return app
    .route('/', healthRoutes)
    .route(
      '/',
      createOpenApiRoutes(() => app.routes),
    )
    .route('/v1/clients', clientsRoutes)
    .route('/v1/clients/:clientId/api-keys', apiKeysRoutes)
    .route('/v1/clients/:clientId/catalog', catalogRoutes)
    .route('/v1/clients/:clientId/decisions', decisionsRoutes)
    .route('/v1/clients/:clientId/lists', listsRoutes)
    .route('/v1/clients/:clientId/orders/import', importRoutes)
    .route('/v1/clients/:clientId/orders', ordersRoutes)
    .route('/v1/clients/:clientId/policy', policiesRoutes)
    .route('/v1/clients/:clientId/replays', replaysRoutes)
    .route('/v1/clients/:clientId/simulate', simulateRoutes)
    .route('/v1/me', meRoutes)
}

export type AppType = ReturnType<typeof createApp>

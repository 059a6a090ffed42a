import { createReadStream } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { Readable } from 'node:stream'
import { Scalar } from '@scalar/hono-api-reference'
import { Hono } from 'hono'
import { buildOpenApiDocument, type MountedRoute } from './openapi-document.js'
import { describeRoute, routeRegistry } from './registry.js'
// Side effect: registers the core resources' route descriptions.
import './core-routes.doc.js'

/**
 * The machine running Verdict may be offline, so the reference page loads Scalar's standalone
 * browser bundle from the installed package, never from a CDN (and with its web fonts off).
 */
const SCALAR_BUNDLE = join(
  dirname(createRequire(import.meta.url).resolve('@scalar/api-reference')),
  'browser',
  'standalone.js',
)
const BUNDLE_PATH = '/docs/assets/scalar-standalone.js'

/**
 * `mountedRoutes` returns the app's own route list (`app.routes`), so an endpoint that no module
 * described still appears in the document.
 */
export function createOpenApiRoutes(mountedRoutes: () => readonly MountedRoute[] = () => []) {
  let cachedDocument: Record<string, unknown> | undefined
  return new Hono()
    .get('/openapi.json', (c) => {
      // Built once: routes register at import time, before the first request can arrive.
      cachedDocument ??= buildOpenApiDocument(routeRegistry, mountedRoutes())
      return c.json(cachedDocument)
    })
    .get(
      '/docs',
      Scalar({
        url: '/openapi.json',
        cdn: BUNDLE_PATH,
        pageTitle: 'Verdict API reference',
        withDefaultFonts: false,
        telemetry: false,
        // Features that call Scalar's servers (the AI agent would upload this document), the
        // developer tools that offer them, and the links that lead there ("Open API Client" would
        // hand client.scalar.com this document's URL; "Powered by Scalar"): off, the page is for
        // this API alone.
        hideClientButton: true,
        customCss: 'a[href*="scalar.com"] { display: none !important; }',
        agent: { disabled: true },
        mcp: { disabled: true },
        showDeveloperTools: 'never',
      }),
    )
    .get(BUNDLE_PATH, (c) => {
      const body = Readable.toWeb(createReadStream(SCALAR_BUNDLE)) as ReadableStream<Uint8Array>
      return c.body(body, 200, {
        'content-type': 'text/javascript; charset=utf-8',
        'cache-control': 'public, max-age=86400',
      })
    })
}

routeRegistry.hide('get', BUNDLE_PATH)
describeRoute({
  method: 'get',
  path: '/openapi.json',
  summary: 'This OpenAPI 3.1 document',
  tag: 'meta',
  roles: 'public',
  responses: { 200: { description: 'The OpenAPI document' } },
})
describeRoute({
  method: 'get',
  path: '/docs',
  summary: 'API reference page (served from local assets)',
  tag: 'meta',
  roles: 'public',
  responses: { 200: { description: 'HTML page', contentType: 'text/html' } },
})

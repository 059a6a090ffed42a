import { existsSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { serveStatic } from '@hono/node-server/serve-static'
import type { Hono } from 'hono'
import type { AppEnv } from './context.js'

/**
 * Serves the studio's production build (studio/dist) at / when it exists: files as they are, and
 * index.html for any other GET outside the API so client-side routes survive a reload.
 */
export function mountStudio(app: Hono<AppEnv>, distDir: string): boolean {
  const index = join(distDir, 'index.html')
  if (!existsSync(index)) return false
  const root = relative(process.cwd(), distDir) || '.'
  const html = readFileSync(index, 'utf8')
  app.use('/*', async (c, next) => {
    if (isApiPath(c.req.path)) return next()
    return serveStatic({ root })(c, next)
  })
  app.get('*', (c) => (isApiPath(c.req.path) ? c.notFound() : c.html(html)))
  return true
}

/** Paths the API answers (with its 404 envelope when nothing matches), never the studio's page. */
const isApiPath = (path: string) =>
  path === '/v1' ||
  path.startsWith('/v1/') ||
  path === '/openapi.json' ||
  path === '/docs' ||
  path.startsWith('/docs/')

import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll } from 'vitest'
import { serveApi } from '../../api/src/http/serve.js'
import type { Harness } from './harness.js'

/**
 * Serves the harness's app over real HTTP on a free loopback port for the enclosing `describe`, as
 * `pnpm start` serves it (api/src/index.ts): for what only a socket shows (framing, keep-alive,
 * bodies without Content-Length).
 */
export function useHttpServer(h: Pick<Harness, 'app'>): { readonly port: number } {
  let port = 0
  let server: Server
  beforeAll(async () => {
    server = serveApi({ fetch: h.app.fetch, port: 0, hostname: '127.0.0.1' })
    await new Promise((resolve) => server.once('listening', resolve))
    port = (server.address() as AddressInfo).port
  })
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))
  return {
    get port() {
      return port
    },
  }
}

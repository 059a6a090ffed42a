import http from 'node:http'
import { describe, expect, it } from 'vitest'
import { createClientWithKeys } from '../support/factories.js'
import { useHarness } from '../support/harness.js'
import { useHttpServer } from '../support/http-server.js'

// A client reuses its connection unless the answer says otherwise (RFC 9112 §9.3). A body refused
// for its size is left unread, so the server must close that connection, and say so: a client
// told `keep-alive` sends its next request into a closed socket ("socket hang up").
const h = useHarness()

describe('over real HTTP with a keep-alive client', () => {
  const server = useHttpServer(h)

  interface Answer {
    status: number
    connection: string | undefined
    socket: unknown
  }

  function send(
    agent: http.Agent,
    method: string,
    path: string,
    key: string,
    body?: string,
    chunked = false,
  ) {
    return new Promise<Answer>((resolve, reject) => {
      const headers: Record<string, string> = { authorization: `Bearer ${key}` }
      if (body !== undefined) headers['content-type'] = 'application/json'
      if (chunked) headers['transfer-encoding'] = 'chunked'
      const req = http.request(
        { host: '127.0.0.1', port: server.port, method, path, agent, headers },
        (res) => {
          res.resume()
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, socket: req.socket }),
          )
        },
      )
      req.on('error', reject)
      if (body === undefined) req.end()
      else if (chunked) {
        // Written in pieces, so the size is only known while reading.
        for (let at = 0; at < body.length; at += 64 * 1024) req.write(body.slice(at, at + 64 * 1024))
        req.end()
      } else req.end(body)
    })
  }

  const over1MiB = (n = 12_000) =>
    JSON.stringify(
      Array.from({ length: n }, (_, i) => ({
        sku: `SKU-${i}`,
        name: 'x'.repeat(80),
        price: 1,
        currency: 'USD',
        stock: 1,
        category: 'misc',
      })),
    )

  it.each([
    ['a catalog upload with its length declared', 'PUT', 'catalog', false],
    ['a catalog upload sent chunked', 'PUT', 'catalog', true],
    ['an order sent chunked', 'POST', 'orders/evaluate', true],
  ] as const)(
    'closes the connection after refusing %s over 1 MiB, and the next request succeeds',
    async (_, method, route, chunked) => {
      const c = await createClientWithKeys(h)
      const key = route === 'catalog' ? c.keys.admin : c.keys.integrator
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
      try {
        const refused = await send(
          agent,
          method,
          `/v1/clients/${c.clientId}/${route}`,
          key,
          over1MiB(),
          chunked,
        )
        expect([refused.status, refused.connection]).toEqual([413, 'close'])
        const next = await send(agent, 'GET', `/v1/clients/${c.clientId}`, key)
        expect(next.status).toBe(200)
      } finally {
        agent.destroy()
      }
    },
  )

  it('keeps the connection of any other refusal alive', async () => {
    const c = await createClientWithKeys(h)
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
    try {
      const invalid = await send(
        agent,
        'PUT',
        `/v1/clients/${c.clientId}/catalog`,
        c.keys.admin,
        '[{"sku":""}]',
      )
      expect([invalid.status, invalid.connection]).toEqual([422, 'keep-alive'])
      const next = await send(agent, 'GET', `/v1/clients/${c.clientId}`, c.keys.admin)
      expect(next.status).toBe(200)
      expect(next.socket).toBe(invalid.socket)
    } finally {
      agent.destroy()
    }
  })
})

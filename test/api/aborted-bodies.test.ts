import { connect } from 'node:net'
import { describe, expect, it } from 'vitest'
import { createClientWithKeys } from '../support/factories.js'
import { useHarness } from '../support/harness.js'
import { useHttpServer } from '../support/http-server.js'
import { publishPolicy } from '../support/policies.js'

// A client that closes its connection halfway through a body failed, not the database: the request
// counts as a 4xx (it reaches no one), never as 503 database_unavailable, which the same socket
// error code (ECONNRESET) would otherwise be read as, and which alerts on an outage.
const h = useHarness()

describe('a request body cut off by the client', () => {
  const server = useHttpServer(h)

  /** Sends `head` and part of a body, then resets the connection. */
  const cutOff = (head: string, part: string) =>
    new Promise<void>((resolve, reject) => {
      const socket = connect(server.port, '127.0.0.1', () => {
        socket.write(head + part, () => setTimeout(() => socket.resetAndDestroy(), 100))
      })
      socket.on('close', () => resolve())
      socket.on('error', (error) =>
        (error as { code?: string }).code === 'ECONNRESET' ? resolve() : reject(error),
      )
    })

  /** Requests counted so far for `route`, by status. */
  const counted = async (route: string) => {
    const text = (await h.request('GET', '/metrics')).text
    const byStatus: Record<string, number> = {}
    for (const [, labels, count] of text.matchAll(/^verdict_http_requests_total\{([^}]*)\} (\d+)/gm)) {
      if (labels!.includes(`route="${route}"`)) byStatus[/status="(\d+)"/.exec(labels!)![1]!] = Number(count)
    }
    return byStatus
  }

  const order = '{"order": {"id": "A-1", "createdAt": '
  it.each([
    ['evaluate, chunked', 'POST', 'orders/evaluate', 'application/json', 'integrator', true, '{"id"'],
    [
      'evaluate, with a Content-Length',
      'POST',
      'orders/evaluate',
      'application/json',
      'integrator',
      false,
      '{"id"',
    ],
    ['import, chunked', 'POST', 'orders/import', 'application/x-ndjson', 'integrator', true, order],
    [
      'import, with a Content-Length',
      'POST',
      'orders/import',
      'application/x-ndjson',
      'integrator',
      false,
      order,
    ],
    ['catalog, chunked', 'PUT', 'catalog', 'application/x-ndjson', 'admin', true, '{"sku": "S'],
    [
      'catalog, with a Content-Length',
      'PUT',
      'catalog',
      'application/x-ndjson',
      'admin',
      false,
      '{"sku": "S',
    ],
  ] as const)('%s: a 400, nothing stored', async (_, method, path, type, role, chunked, part) => {
    const { clientId, keys } = await createClientWithKeys(h)
    await publishPolicy(h, clientId)
    const route = `/v1/clients/:clientId/${path}`
    const before = await counted(route)
    const framing = chunked ? 'transfer-encoding: chunked' : 'content-length: 5000'
    await cutOff(
      `${method} /v1/clients/${clientId}/${path} HTTP/1.1\r\nhost: a\r\nauthorization: Bearer ${keys[role]}\r\ncontent-type: ${type}\r\n${framing}\r\n\r\n`,
      chunked ? `${part.length.toString(16)}\r\n${part}\r\n` : part,
    )
    // The server learns of the reset on its own time: wait until it has answered (counted) it.
    const total = (byStatus: Record<string, number>) => Object.values(byStatus).reduce((a, b) => a + b, 0)
    let after = await counted(route)
    for (let waited = 0; total(after) === total(before) && waited < 10_000; waited += 50) {
      await new Promise((resolve) => setTimeout(resolve, 50))
      after = await counted(route)
    }
    const added = Object.entries(after)
      .map(([status, count]) => [status, count - (before[status] ?? 0)] as const)
      .filter(([, count]) => count > 0)
    expect(added).toEqual([['400', 1]])
    const orders = await h.db
      .selectFrom('orders')
      .where('client_id', '=', clientId)
      .select('order_id')
      .execute()
    const items = await h.db
      .selectFrom('catalog_items')
      .where('client_id', '=', clientId)
      .select('sku')
      .execute()
    expect([orders, items]).toEqual([[], []])
  })
})

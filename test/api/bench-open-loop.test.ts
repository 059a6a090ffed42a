import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { nodeOpenLoop } from '../../bench/support/load.js'

// The bench's open-loop generator (bench:api): light on CPU (raw keep-alive sockets, no fetch or
// node:http client), and still honest — latency from each request's due time, bodies (UTF-8
// included) and headers as sent, whole answers read (fixed length or chunked), non-200 answers
// counted as failed.
describe('bench open loop', () => {
  let server: Server
  let url = ''
  const seen: { body: string; auth: string | undefined; type: string | undefined }[] = []
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = ''
      req.on('data', (d) => {
        body += d
      })
      req.on('end', () => {
        seen.push({ body, auth: req.headers.authorization, type: req.headers['content-type'] })
        const n = JSON.parse(body).n as number
        // Every 5th request answers 422 and takes 30 ms; of the others, every even one is chunked,
        // in two parts sent 10 ms apart (the generator must wait for the whole answer).
        setTimeout(
          () => {
            res.statusCode = n % 5 === 4 ? 422 : 200
            if (n % 5 !== 4 && n % 2 === 0) {
              res.write('{"ok":')
              setTimeout(() => res.end('"ünïcødé"}'), 10)
            } else res.end('{"ok":"ünïcødé"}')
          },
          n % 5 === 4 ? 30 : 0,
        )
      })
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/x`
  })
  afterAll(() => new Promise<void>((r) => server.close(() => r())))

  it('sends every request over raw sockets (not fetch), counts statuses, measures from the due time', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch').mockRejectedValue(new Error('fetch is not the generator'))
    let n = 0
    try {
      const result = await nodeOpenLoop({
        url,
        key: 'k1',
        rate: 200,
        seconds: 0.5,
        bodies: () => JSON.stringify({ n: n++, name: 'Zoë' }),
      })
      expect(fetchSpy).not.toHaveBeenCalled()
      expect(result.sent).toBe(100)
      expect(result.ok).toBe(80)
      expect(result.failed).toBe(20)
      // 40 % answer at once, 40 % (chunked) after 10 ms, 20 % after 30 ms: the median request is a
      // chunked one, complete only after its second part. Margins: a libuv timer may fire up to
      // ~1 ms before its delay as performance.now() counts it.
      expect(result.p50Ms).toBeGreaterThanOrEqual(8)
      expect(result.p50Ms).toBeLessThan(25)
      expect(result.p90Ms).toBeGreaterThanOrEqual(25)
      expect(result.maxMs).toBeGreaterThanOrEqual(25)
      expect(result.generatorCpuMsPerRequest).toBeGreaterThan(0)
      // Requests overlap (every 5th takes 30 ms at 5 ms intervals), so more than one connection.
      expect(result.connections).toBeGreaterThan(1)
      expect(result.connections).toBeLessThanOrEqual(result.sent)
    } finally {
      fetchSpy.mockRestore()
    }
    expect(seen).toHaveLength(100)
    // Requests travel on several keep-alive connections, so they may arrive out of order.
    const received = [...seen].sort((a, b) => JSON.parse(a.body).n - JSON.parse(b.body).n)
    expect(received[0]).toEqual({ body: '{"n":0,"name":"Zoë"}', auth: 'Bearer k1', type: 'application/json' })
    expect(received.map((s) => JSON.parse(s.body).n)).toEqual([...Array(100).keys()])
  })

  it('keeps at most maxConnections open; requests that find them busy queue and count from their due time', async () => {
    let n = 0
    const before = seen.length
    // The server spends 10 ms per request on average (30 ms for every 5th, 10 ms for chunked ones,
    // 0 for the rest): one connection serves ~100/s, so 100 requests offered over 0.5 s take ~1 s
    // and the last ones wait ~0.5 s past their due time.
    const result = await nodeOpenLoop({
      url,
      key: 'k1',
      rate: 200,
      seconds: 0.5,
      maxConnections: 1,
      bodies: () => JSON.stringify({ n: n++, name: 'Zoë' }),
    })
    expect(result.connections).toBe(1)
    expect(result.sent).toBe(100)
    expect(result.ok).toBe(80)
    expect(result.failed).toBe(20)
    expect(seen.length - before).toBe(100)
    expect(result.maxMs).toBeGreaterThan(300)
  })
})

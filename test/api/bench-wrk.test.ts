import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closedLoop } from '../../bench/support/load.js'
import { hasWrk, parseWrkResult, wrkClosedLoop, wrkOpenLoop } from '../../bench/support/wrk.js'

describe('parseWrkResult', () => {
  it('reads the line closed-loop.lua prints among wrk’s own output', () => {
    const out =
      'Running 1h test @ http://x\nWRK_FINISHED\nWRK_RESULT {"sent":3,"ok":2,"failed":1,"ms":5.5,"p50Us":900,"p99Us":2000,"socketErrors":0}\n'
    expect(parseWrkResult(out)).toEqual({
      sent: 3,
      ok: 2,
      failed: 1,
      ms: 5.5,
      p50Us: 900,
      p99Us: 2000,
      socketErrors: 0,
    })
  })
  it('fails loudly when wrk printed no result (a script error, say)', () => {
    expect(() => parseWrkResult('script error\n')).toThrow(/no result/)
  })
})

// bench:api's closed loop through Debian's wrk (apt-get install wrk; .ci/run installs it): each body
// sent exactly once, statuses counted, nothing left in flight when it returns (the bench then
// counts stored decisions against the 200 answers), and it returns as soon as the last answer is
// in, not after wrk's -d duration.
describe.skipIf(!hasWrk())('bench closed loop through wrk', () => {
  let server: Server
  let url = ''
  const seen: {
    body: string
    auth: string | undefined
    type: string | undefined
    path: string | undefined
  }[] = []
  let inFlight = 0
  let maxInFlight = 0
  beforeAll(async () => {
    server = createServer((req, res) => {
      inFlight++
      maxInFlight = Math.max(maxInFlight, inFlight)
      let body = ''
      req.on('data', (d) => {
        body += d
      })
      req.on('end', () => {
        seen.push({ body, auth: req.headers.authorization, type: req.headers['content-type'], path: req.url })
        const n = JSON.parse(body).n as number
        // A stalled server: request -1 is never answered.
        if (n === -1) return
        // Every 7th answers 422 after 20 ms; the others 200 after 0–3 ms.
        setTimeout(
          () => {
            inFlight--
            res.statusCode = n % 7 === 6 ? 422 : 200
            res.end(n % 7 === 6 ? '{"error":{"code":"x"}}' : '{"decisionId":"d","name":"Zoë"}')
          },
          n % 7 === 6 ? 20 : n % 4,
        )
      })
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/clients/c/orders/evaluate`
  })
  afterAll(() => new Promise<void>((r) => server.close(() => r())))

  it('sends every body once, counts 200 and non-200 answers, and stops at the last answer', async () => {
    let n = 0
    const started = performance.now()
    const result = await closedLoop({
      generator: 'wrk',
      url,
      key: 'k1',
      connections: 8,
      amount: 700,
      bodies: () => JSON.stringify({ n: n++, name: 'Zoë' }),
    })
    const elapsed = performance.now() - started
    expect(result.requests).toBe(700)
    expect(result.ok).toBe(600)
    expect(result.non2xx).toBe(100)
    expect(result.errors).toBe(0)
    // Exactly the 700 bodies, each once, as generated (UTF-8 intact), with the key and the path.
    expect(seen).toHaveLength(700)
    expect(new Set(seen.map((s) => JSON.parse(s.body).n)).size).toBe(700)
    expect(seen.every((s) => JSON.parse(s.body).name === 'Zoë')).toBe(true)
    expect(seen.every((s) => s.auth === 'Bearer k1' && s.type === 'application/json')).toBe(true)
    expect(seen.every((s) => s.path === '/v1/clients/c/orders/evaluate')).toBe(true)
    // Closed loop: never more requests at once than connections.
    expect(maxInFlight).toBeLessThanOrEqual(8)
    expect(inFlight).toBe(0)
    // 100 answers of 20 ms over 8 connections take ≥ 250 ms; the run ends long before wrk's -d.
    expect(result.seconds).toBeGreaterThan(0.25)
    expect(elapsed).toBeLessThan(15_000)
    expect(result.perSecond).toBeCloseTo(600 / result.seconds, 6)
    expect(result.p99Ms).toBeGreaterThanOrEqual(15)
    expect(Number.isFinite(result.generatorCpuMsPerRequest)).toBe(true)
  })

  it('bounds a run whose server stops answering, and counts the unanswered request as an error', async () => {
    let n = 0
    const started = performance.now()
    const result = await wrkClosedLoop({
      url,
      key: 'k1',
      connections: 4,
      amount: 40,
      maxSeconds: 2,
      bodies: () => JSON.stringify({ n: n++ === 10 ? -1 : n, name: 'Zoë' }),
    })
    expect(performance.now() - started).toBeLessThan(10_000)
    expect(result.requests).toBe(40)
    expect(result.ok + result.non2xx).toBe(39)
    expect(result.errors).toBe(1)
    expect(result.seconds).toBeGreaterThan(1.5)
  })
})

// bench:api's open loop through wrk (open-loop.lua): requests paced at the offered rate whatever the
// answers do, each latency counted from its request's due time (matched by the X-Request-Id the
// server echoes), non-200 answers failed — the figures nodeOpenLoop (load.ts) gives.
describe.skipIf(!hasWrk())('bench open loop through wrk', () => {
  let server: Server
  let url = ''
  const arrivals: { n: number; at: number; name: string; auth: string | undefined }[] = []
  let slowMs = 0
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = ''
      req.on('data', (d) => {
        body += d
      })
      req.on('end', () => {
        const parsed = JSON.parse(body) as { n: number; name: string }
        arrivals.push({
          n: parsed.n,
          at: performance.now(),
          name: parsed.name,
          auth: req.headers.authorization,
        })
        // Every 5th answers 422 after 30 ms; the others 200 at once (or after slowMs).
        setTimeout(
          () => {
            res.statusCode = parsed.n % 5 === 4 ? 422 : 200
            const id = req.headers['x-request-id']
            if (typeof id === 'string') res.setHeader('X-Request-Id', id)
            res.end('{"ok":"ünïcødé"}')
          },
          parsed.n % 5 === 4 ? 30 : slowMs,
        )
      })
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/clients/c/orders/evaluate`
  })
  afterAll(() => new Promise<void>((r) => server.close(() => r())))

  it('paces requests at the offered rate and measures each from its due time', async () => {
    arrivals.length = 0
    slowMs = 0
    let n = 0
    const result = await wrkOpenLoop({
      url,
      key: 'k1',
      rate: 200,
      seconds: 0.5,
      bodies: () => JSON.stringify({ n: n++, name: 'Zoë' }),
    })
    expect(result.sent).toBe(100)
    expect(result.ok).toBe(80)
    expect(result.failed).toBe(20)
    // Every body once, in due order, with its key, UTF-8 intact.
    expect(arrivals.map((a) => a.n)).toEqual([...Array(100).keys()])
    expect(arrivals.every((a) => a.name === 'Zoë' && a.auth === 'Bearer k1')).toBe(true)
    // Paced, not sent as fast as answers come: 100 requests at 200/s span ~495 ms.
    const span = arrivals.at(-1)!.at - arrivals[0]!.at
    expect(span).toBeGreaterThan(450)
    expect(span).toBeLessThan(900)
    // 80 % answer at once, 20 % after 30 ms (the 422s).
    expect(result.p50Ms).toBeLessThan(10)
    expect(result.p90Ms).toBeGreaterThanOrEqual(29)
    expect(result.maxMs).toBeGreaterThanOrEqual(29)
    // Out on time: wrk's millisecond timers may fire up to ~1 ms early (open-loop.lua), never more.
    expect(result.sendLagP50Ms).toBeGreaterThan(-1)
    expect(result.generatorCpuMsPerRequest).toBeGreaterThan(0)
  })

  it('counts a request that waited for a busy connection from its due time, not from when it went out', async () => {
    arrivals.length = 0
    slowMs = 10
    let n = 0
    // One connection, ~10 ms per answer (30 ms for every 5th): ~70/s served of 200/s offered, so
    // the last requests go out ~1 s after their due time, and that is their latency.
    const result = await wrkOpenLoop({
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
    expect(result.maxMs).toBeGreaterThan(600)
    expect(result.sendLagP99Ms).toBeGreaterThan(500)
  })
})

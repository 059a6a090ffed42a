import autocannon from 'autocannon'
import { RawHttpPool } from './raw-http.js'
import { type SlowBursts, slowBursts } from './slow-bursts.js'
import { wrkClosedLoop, wrkOpenLoop } from './wrk.js'

export interface ClosedLoopResult {
  requests: number
  ok: number
  non2xx: number
  errors: number
  seconds: number
  perSecond: number
  p50Ms: number
  p99Ms: number
  /** CPU time of the generator (wrk, or autocannon in this process) per request. */
  generatorCpuMsPerRequest: number
}

export interface ClosedLoopOptions {
  url: string
  key: string
  connections: number
  amount: number
  bodies: () => string
}

/**
 * Closed loop: `connections` keep one request each in flight until `amount` requests are done, sent
 * by `wrk` (bench/support/wrk.ts) or by autocannon.
 */
export function closedLoop(
  options: ClosedLoopOptions & { generator: 'wrk' | 'autocannon' },
): Promise<ClosedLoopResult> {
  return options.generator === 'wrk' ? wrkClosedLoop(options) : autocannonClosedLoop(options)
}

/**
 * autocannon's closed loop: `connections` keep one request each in flight until `amount` requests are done.
 * A fixed amount (not a duration) so no request is still in flight when we count stored decisions.
 */
export async function autocannonClosedLoop(options: ClosedLoopOptions): Promise<ClosedLoopResult> {
  const cpuStart = process.cpuUsage()
  const started = performance.now()
  // autocannon resolves only at its next 1-second sampling tick after the last answer, so its
  // end time is rounded UP to a whole second (up to −17 % on a 6 s run): time the last answer.
  let lastAnswer = started
  const instance = autocannon({
    url: options.url,
    connections: options.connections,
    amount: options.amount,
    timeout: 10,
    requests: [
      {
        method: 'POST',
        headers: { authorization: `Bearer ${options.key}`, 'content-type': 'application/json' },
        setupRequest: (req: Record<string, unknown>) => ({ ...req, body: options.bodies() }),
      },
    ],
  })
  instance.on('response', () => {
    lastAnswer = performance.now()
  })
  const result = await instance
  const seconds = (lastAnswer - started) / 1000
  const cpu = process.cpuUsage(cpuStart)
  const ok = (result.statusCodeStats?.['200']?.count as number | undefined) ?? 0
  return {
    requests: result.requests.total,
    ok,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    seconds,
    perSecond: ok / seconds,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    generatorCpuMsPerRequest: (cpu.user + cpu.system) / 1000 / Math.max(1, result.requests.total),
  }
}

export interface OpenLoopResult {
  sent: number
  ok: number
  failed: number
  offeredPerSecond: number
  achievedPerSecond: number
  /** From the first send to the last answer. */
  seconds: number
  p50Ms: number
  p90Ms: number
  p99Ms: number
  maxMs: number
  /** How late the generator itself sent (timer resolution, CPU contention): part of the latency. */
  sendLagP50Ms: number
  sendLagP99Ms: number
  /** Keep-alive connections the generator opened (one per request that found none idle). */
  connections: number
  /** The requests over 10 ms and how they cluster (a few machine stalls, or many short pauses). */
  slow: SlowBursts
  /** CPU time of the generator (this process, user + system) per request sent. */
  generatorCpuMsPerRequest: number
}

/** The p-quantile of ascending `sorted` (NaN when empty). */
export const percentile = (sorted: ArrayLike<number>, p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? Number.NaN

/**
 * Open loop at a constant offered rate: request i is due at start + i/rate whether or not earlier
 * ones have answered, and its latency is measured from that DUE time (so a stall that delays
 * sending counts against the server, avoiding coordinated omission).
 * The generator shares the 2 cores with the API and PostgreSQL, so it is kept light: requests go
 * straight to keep-alive sockets (RawHttpPool, at most OPEN_LOOP_CONNECTIONS) and every body is
 * built before the clock starts. node:http cost ~0.4 ms of CPU per request and WHATWG fetch several
 * times more (the generator's own CPU per request is printed with the results).
 */
/**
 * The open loop's connection bound. Against PostgreSQL the generator opened 11–84 connections per
 * run (sessions 8–9); the bound only matters when the server stalls or falls behind, and then a
 * request waits for a free connection with its latency still counted from its due time.
 */
export const OPEN_LOOP_CONNECTIONS = 128

export interface OpenLoopOptions {
  url: string
  key: string
  rate: number
  seconds: number
  bodies: () => string
  /** Connections the generator keeps at most (default 128); a request finding all busy queues. */
  maxConnections?: number
}

/** The open loop, sent by `wrk` (bench/support/wrk.ts, open-loop.lua) or from this process. */
export function openLoop(
  options: OpenLoopOptions & { generator: 'wrk' | 'autocannon' },
): Promise<OpenLoopResult> {
  return options.generator === 'wrk' ? wrkOpenLoop(options) : nodeOpenLoop(options)
}

export async function nodeOpenLoop(options: OpenLoopOptions): Promise<OpenLoopResult> {
  const total = Math.round(options.rate * options.seconds)
  const interval = 1000 / options.rate
  const latencies = new Float64Array(total)
  let ok = 0
  let failed = 0
  const sendLag = new Float64Array(total)
  const inFlight: Promise<void>[] = []
  const pool = new RawHttpPool(
    new URL(options.url),
    { authorization: `Bearer ${options.key}`, 'content-type': 'application/json' },
    options.maxConnections ?? OPEN_LOOP_CONNECTIONS,
  )
  const bodies = Array.from({ length: total }, () => options.bodies())
  const cpuStart = process.cpuUsage()
  const start = performance.now() + 50
  for (let i = 0; i < total; i++) {
    const due = start + i * interval
    const wait = due - performance.now()
    // No busy-waiting (the generator shares 2 cores with the API and PostgreSQL): a timer that
    // fires late makes the request late, and that lateness is charged to the latency below.
    if (wait > 0) await new Promise((r) => setTimeout(r, wait))
    sendLag[i] = performance.now() - due
    inFlight.push(
      pool.post(bodies[i]!).then(
        (status) => {
          latencies[i] = performance.now() - due
          if (status === 200) ok++
          else failed++
        },
        () => {
          latencies[i] = performance.now() - due
          failed++
        },
      ),
    )
  }
  await Promise.all(inFlight)
  const elapsed = (performance.now() - start) / 1000
  const cpu = process.cpuUsage(cpuStart)
  pool.close()
  return openLoopResult({
    rate: options.rate,
    latencies,
    sendLag,
    ok,
    failed,
    seconds: elapsed,
    connections: pool.opened,
    generatorCpuMs: (cpu.user + cpu.system) / 1000,
  })
}

/**
 * An open loop's figures from each request's latency and send lag (both from its due time, in due
 * order); a request never answered has an infinite latency and counts as failed.
 */
export function openLoopResult(run: {
  rate: number
  latencies: Float64Array
  sendLag: Float64Array
  ok: number
  failed: number
  seconds: number
  connections: number
  generatorCpuMs: number
}): OpenLoopResult {
  const total = run.latencies.length
  const slow = slowBursts(run.latencies, 1000 / run.rate)
  const sorted = run.latencies.slice().sort()
  const lag = run.sendLag.slice().sort()
  return {
    slow,
    connections: run.connections,
    sendLagP50Ms: percentile(lag, 0.5),
    sendLagP99Ms: percentile(lag, 0.99),
    generatorCpuMsPerRequest: run.generatorCpuMs / total,
    sent: total,
    ok: run.ok,
    failed: run.failed,
    offeredPerSecond: run.rate,
    achievedPerSecond: run.ok / run.seconds,
    seconds: run.seconds,
    p50Ms: percentile(sorted, 0.5),
    p90Ms: percentile(sorted, 0.9),
    p99Ms: percentile(sorted, 0.99),
    maxMs: sorted[sorted.length - 1] ?? Number.NaN,
  }
}

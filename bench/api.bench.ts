// pnpm bench:api — the HTTP API under load against the REAL PostgreSQL server (and PGlite), with
// the bench policy (30+ rules on velocity, catalog and managed lists) live:
//   (a) closed loop: 32 connections (wrk, else autocannon), unique orders; throughput, errors, and stored
//       decisions == 200 answers;
//   (b) open loop: a constant 500 orders/s (wrk with open-loop.lua, else a generator in this process);
//       p50/p99 measured from each request's due time.
// Baselines: the same policy in-process on json-rules-engine 7.3.1, and the naive handler issue #3
// measures against (bench/support/naive-handler.ts) under the same loads; and the machine itself
// during each phase (disk flush times and scheduling delays, bench/support/machine-probe.ts). Flags: --no-naive, --seconds=N, --history=N (past orders imported first), --no-pglite, --no-probe,
// --socket (the API reaches a local server through its Unix socket instead of TCP).
// Env: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres; a fresh database is
// created on that server and dropped at the end; BENCH_KEEP_DB=1 keeps it, to study the stored
// decisions' own timings afterwards).
import { existsSync } from 'node:fs'
import { sql } from 'kysely'
import { deriveFacts } from '../engine/src/facts/derive-facts.js'
import type { Facts } from '../engine/src/facts/facts.types.js'
import { parseOrder } from '../engine/src/order/parse-order.js'
import {
  type ApiSideStats,
  apiSideStats,
  type BatchPhaseStats,
  batchStats,
  formatApiSide,
  formatBatches,
  scrapeMetrics,
} from './support/api-metrics.js'
import { type BenchServer, startServer } from './support/api-server.js'
import { BENCH_CLIENT, benchPolicy, countDecisionsViaApi, setUpClient } from './support/api-setup.js'
import { BENCH_MANAGED_LISTS } from './support/bench-catalog.js'
import { type CpuCost, cpuAfter, cpuBefore, formatCpu } from './support/cpu.js'
import { formatCpuCapacity, measureCpuCapacity } from './support/cpu-capacity.js'
import { jreRules, runJre } from './support/jre-runner.js'
import { type ClosedLoopResult, closedLoop, type OpenLoopResult, openLoop } from './support/load.js'
import { formatMachine, type MachineProbe, startMachineProbe } from './support/machine-probe.js'
import { generateCases } from './support/order-generator.js'
import { formatSlowBursts } from './support/slow-bursts.js'
import { timeAsync } from './support/stats.js'
import { formatWal, walPosition } from './support/wal.js'
import { hasWrk } from './support/wrk.js'

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1]
const SECONDS = Number(arg('seconds') ?? 15)
const CONNECTIONS = 32
const RATE = 500
const HISTORY = Number(arg('history') ?? 20_000)
const SERVER_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
// --socket: the API reaches a server on this machine through its Unix socket
// (DATABASE_URL=…?host=/var/run/postgresql). Measured: no cheaper than TCP here (docs/performance.md).
const SOCKET_DIR = '/var/run/postgresql'
const socketDir = (() => {
  if (!process.argv.includes('--socket')) return undefined
  const socket = `${SOCKET_DIR}/.s.PGSQL.${new URL(SERVER_URL).port || 5432}`
  if (!existsSync(socket)) throw new Error(`--socket: no ${socket}`)
  return SOCKET_DIR
})()
// The generator of both loops: wrk when installed (apt-get install wrk), else autocannon (closed) and
// bench/support/load.ts's raw sockets (open); --generator=autocannon|wrk chooses.
const GENERATOR = (arg('generator') ?? (hasWrk() ? 'wrk' : 'autocannon')) as 'wrk' | 'autocannon'
if (GENERATOR !== 'wrk' && GENERATOR !== 'autocannon') throw new Error(`--generator=${GENERATOR}?`)
const kinds: ('postgres' | 'pglite')[] = process.argv.includes('--no-pglite')
  ? ['postgres']
  : ['postgres', 'pglite']

const policy = benchPolicy()
const cases = generateCases(20_000, 20261126)
const invalid = cases.filter((c) => !parseOrder(c.order).ok).length
if (invalid > 0) throw new Error(`${invalid} generated orders do not pass parseOrder`)

// Unique orders: the generator's realistic orders cycled under fresh ids (velocity sees the
// repeated e-mails, IPs and cards as a real shop's returning customers).
let sequence = 0
const runTag = Date.now().toString(36)
const nextBody = () => {
  const i = sequence++
  const order = cases[i % cases.length]!.order
  return JSON.stringify({ ...order, id: `${runTag}-${i}` })
}

async function jreBaseline() {
  const rules = jreRules(policy)
  const facts: Facts[] = cases.slice(0, 2000).map((c) => deriveFacts(c.order, policy, c.data))
  for (let k = 0; k < 200; k++) await runJre(policy, rules, facts[k]!, BENCH_MANAGED_LISTS)
  return timeAsync('json-rules-engine in-process', facts.length, 1, (k) =>
    runJre(policy, rules, facts[k]!, BENCH_MANAGED_LISTS),
  )
}

/**
 * A production database is not empty and has planner statistics: import a history of past orders
 * (other customers, same shop) through the public import endpoint, then VACUUM ANALYZE as
 * autovacuum would (the server here runs with autovacuum off, so without this every plan is made
 * for empty tables and velocity scans degrade as the bench fills the table).
 */
async function loadHistory(server: BenchServer, key: string): Promise<void> {
  const history = generateCases(HISTORY, 20250101)
  const body = history
    .map((c, i) => JSON.stringify({ order: { ...c.order, id: `hist-${runTag}-${i}` } }))
    .join('\n')
  const res = await fetch(`${server.baseUrl}/v1/clients/${BENCH_CLIENT}/orders/import`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-ndjson' },
    body,
  })
  if (!res.ok) throw new Error(`history import → ${res.status} ${await res.text()}`)
  if (server.db) {
    await sql`vacuum analyze`.execute(server.db)
    await flushSetUp(server.db)
  }
}

/**
 * CHECKPOINT after the set-up, so that the import's dirty pages are flushed now rather than by the
 * kernel's writeback during the measured phases (it stalls the commits' fdatasync; session 11). Needs
 * a superuser or pg_checkpoint: without either, the bench says so and goes on.
 */
async function flushSetUp(db: NonNullable<BenchServer['db']>): Promise<void> {
  try {
    await sql`checkpoint`.execute(db)
  } catch (error) {
    console.log(`[bench] no CHECKPOINT after the set-up (${(error as Error).message})`)
  }
}

async function storedDecisions(server: BenchServer, key: string): Promise<number> {
  if (!server.db) return countDecisionsViaApi(server.baseUrl, key)
  const row = await sql<{
    n: number
  }>`select count(*)::int as n from decisions where client_id = ${BENCH_CLIENT}`.execute(server.db)
  return row.rows[0]?.n ?? 0
}

/** A load phase's wall-clock start and end (Date.now()), to ask the machine probe about. */
type Window = [from: number, to: number]

async function timed<T>(run: () => Promise<T>): Promise<[T, Window]> {
  const from = Date.now()
  const result = await run()
  return [result, [from, Date.now()]]
}

interface KindResult {
  kind: string
  windows: { closed: Window; open: Window; serial: Window }
  closed: ClosedLoopResult
  stored: number
  open: OpenLoopResult
  serial: ClosedLoopResult
  closedCpu: CpuCost
  openCpu: CpuCost
  openApiSide: ApiSideStats
  closedBatches: BatchPhaseStats[]
  openBatches: BatchPhaseStats[]
}

interface NaiveResult {
  windows: { closed: Window; open: Window; serial: Window }
  closed: ClosedLoopResult
  open: OpenLoopResult
  serial: ClosedLoopResult
  closedCpu: CpuCost
}

/** The naive handler on a fresh database with the same history, under the same three loads. */
async function runNaive(port: number): Promise<NaiveResult> {
  console.log('\n[naive] starting the naive handler (Hono + postgres.js, one velocity query, no engine) …')
  const server = await startServer({ port, serverUrl: SERVER_URL, naive: true })
  try {
    const db = server.db!
    const history = generateCases(HISTORY, 20250101)
    for (let i = 0; i < history.length; i += 1000) {
      const rows = history.slice(i, i + 1000).map((c, k) => ({ ...c.order, id: `hist-${runTag}-${i + k}` }))
      await sql`insert into naive_orders (client_id, order_id, created_at, email, total, document)
        select ${BENCH_CLIENT}, o->>'id', (o->>'createdAt')::timestamptz, o->'customer'->>'email',
          (o->>'total')::numeric, o
        from jsonb_array_elements(${rows}::jsonb) as o`.execute(db)
    }
    await sql`vacuum analyze`.execute(db)
    await flushSetUp(db)
    const load = {
      generator: GENERATOR,
      url: `${server.baseUrl}/v1/clients/${BENCH_CLIENT}/orders/evaluate`,
      key: 'none',
      bodies: nextBody,
    }
    const warm = await closedLoop({ ...load, connections: CONNECTIONS, amount: 3000 })
    const amount = Math.max(3000, Math.round(warm.perSecond * SECONDS))
    const closedStart = await cpuBefore(server.pid, db)
    const closedWal = await walPosition(db)
    const [closed, closedWindow] = await timed(() =>
      closedLoop({ ...load, connections: CONNECTIONS, amount }),
    )
    const closedCpu = cpuAfter(server.pid, closedStart, closed.ok)
    console.log(
      `[naive] closed loop ${closed.perSecond.toFixed(0)}/s; ${formatCpu(closedCpu)}; ${formatWal(closedWal, await walPosition(db), closed.ok)}`,
    )
    const [open, openWindow] = await timed(() => openLoop({ ...load, rate: RATE, seconds: SECONDS }))
    console.log(
      `[naive] open loop p50 ${open.p50Ms.toFixed(2)} ms p99 ${open.p99Ms.toFixed(2)} ms; tail: ${formatSlowBursts(open.slow)}`,
    )
    const [serial, serialWindow] = await timed(() => closedLoop({ ...load, connections: 1, amount: 1000 }))
    return {
      windows: { closed: closedWindow, open: openWindow, serial: serialWindow },
      closed,
      open,
      serial,
      closedCpu,
    }
  } finally {
    await server.stop()
  }
}

async function runKind(kind: 'postgres' | 'pglite', port: number): Promise<KindResult> {
  console.log(`\n[${kind}] starting the API …`)
  const server = await startServer({
    port,
    ...(kind === 'postgres' ? { serverUrl: SERVER_URL, ...(socketDir ? { socketDir } : {}) } : {}),
  })
  if (kind === 'postgres')
    console.log(`[${kind}] API → PostgreSQL over ${socketDir ? `${socketDir} (Unix socket)` : 'TCP'}`)
  try {
    const { integratorKey } = await setUpClient(server.baseUrl, server.adminKey)
    await loadHistory(server, integratorKey)
    const url = `${server.baseUrl}/v1/clients/${BENCH_CLIENT}/orders/evaluate`
    const load = { generator: GENERATOR, url, key: integratorKey, bodies: nextBody }
    // Warm-up (JIT, caches, connection pool) and calibration of the closed loop's request count.
    const warm = await closedLoop({ ...load, connections: CONNECTIONS, amount: 3000 })
    console.log(`[${kind}] warm-up: ${warm.perSecond.toFixed(0)}/s`)
    const before = await storedDecisions(server, server.adminKey)
    const amount = Math.max(3000, Math.round(warm.perSecond * SECONDS))
    console.log(`[${kind}] closed loop: ${amount} requests at ${CONNECTIONS} connections …`)
    const closedScrape = await scrapeMetrics(server.baseUrl)
    const closedStart = await cpuBefore(server.pid, server.db)
    const closedWal = await walPosition(server.db)
    const [closed, closedWindow] = await timed(() =>
      closedLoop({ ...load, connections: CONNECTIONS, amount }),
    )
    const closedCpu = cpuAfter(server.pid, closedStart, closed.ok)
    const closedWalText = formatWal(closedWal, await walPosition(server.db), closed.ok)
    const closedBatches = batchStats(closedScrape, await scrapeMetrics(server.baseUrl), closed.seconds)
    console.log(
      `[${kind}] closed loop ${closed.perSecond.toFixed(0)}/s; ${formatCpu(closedCpu)}; ${closedWalText}; generator ${closed.generatorCpuMsPerRequest.toFixed(3)} CPU-ms/request`,
    )
    console.log(`[${kind}] closed loop batches: ${formatBatches(closedBatches)}`)
    const stored = (await storedDecisions(server, server.adminKey)) - before
    console.log(`[${kind}] open loop: ${RATE}/s for ${SECONDS} s …`)
    const scrapeBefore = await scrapeMetrics(server.baseUrl)
    const openStart = await cpuBefore(server.pid, server.db)
    const openWal = await walPosition(server.db)
    const [open, openWindow] = await timed(() => openLoop({ ...load, rate: RATE, seconds: SECONDS }))
    const openCpu = cpuAfter(server.pid, openStart, open.ok)
    const openWalText = formatWal(openWal, await walPosition(server.db), open.ok)
    const scrapeAfter = await scrapeMetrics(server.baseUrl)
    const openApiSide = apiSideStats(scrapeBefore, scrapeAfter)
    const openBatches = batchStats(scrapeBefore, scrapeAfter, open.seconds)
    console.log(
      `[${kind}] open loop p50 ${open.p50Ms.toFixed(2)} ms p99 ${open.p99Ms.toFixed(2)} ms; ${formatCpu(openCpu)}; ${openWalText}; generator ${open.generatorCpuMsPerRequest.toFixed(3)} CPU-ms/request`,
    )
    console.log(`[${kind}] open loop ${formatApiSide(openApiSide)}`)
    console.log(`[${kind}] open loop batches: ${formatBatches(openBatches)}`)
    console.log(
      `[${kind}] open loop tail: ${formatSlowBursts(open.slow)}; the generator opened ${open.connections} connections`,
    )
    // Service time without queueing: one request at a time.
    const [serial, serialWindow] = await timed(() => closedLoop({ ...load, connections: 1, amount: 1000 }))
    return {
      kind,
      windows: { closed: closedWindow, open: openWindow, serial: serialWindow },
      closed,
      stored,
      open,
      serial,
      closedCpu,
      openCpu,
      openApiSide,
      closedBatches,
      openBatches,
    }
  } finally {
    await server.stop()
  }
}

console.log(
  `Bench policy: ${policy.rules.length} rules; ${cases.length} distinct generated orders; closed loop sent by ${GENERATOR}`,
)
const jre = await jreBaseline()
// What "2 cores" are on this machine today (bench/support/cpu-capacity.ts), before any server runs.
const capacity = await measureCpuCapacity()
console.log(`[machine] ${formatCpuCapacity(capacity)}`)
// Disk flushes and scheduling delays, watched through every phase (bench/support/machine-probe.ts).
// --no-probe leaves it out: it wakes 1,000 times a second and flushes 50 times a second, on the cores
// and the disk the servers share, so the bench can measure what it costs them.
const probe: MachineProbe | null = process.argv.includes('--no-probe') ? null : await startMachineProbe()
const results: KindResult[] = []
for (const [i, kind] of kinds.entries()) results.push(await runKind(kind, 18787 + i))
const naive = process.argv.includes('--no-naive') ? null : await runNaive(18797)
await probe?.stop()
const machine = (label: string, windows: KindResult['windows']) => {
  if (!probe) return
  for (const phase of ['closed', 'open', 'serial'] as const) {
    const [from, to] = windows[phase]
    console.log(
      `[${label}] machine during the ${phase} ${phase === 'serial' ? 'requests' : 'loop'}: ${formatMachine(probe.stats(from, to))}`,
    )
  }
}

const f = (x: number, d = 1) =>
  x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d })
console.log('')
console.log('database   closed loop (32 conns)                          | open loop (500/s offered)')
console.log(
  '           decisions/s  200s     non-200  errors  stored  | achieved/s  p50 ms  p90 ms  p99 ms  max ms  send lag p99',
)
for (const r of results) {
  const c = r.closed
  const o = r.open
  console.log(
    `${r.kind.padEnd(10)} ${f(c.perSecond, 0).padStart(11)}  ${String(c.ok).padStart(7)}  ${String(c.non2xx).padStart(7)}  ${String(c.errors).padStart(6)}  ${String(r.stored).padStart(6)}  | ${f(o.achievedPerSecond, 0).padStart(10)}  ${f(o.p50Ms, 2).padStart(6)}  ${f(o.p90Ms, 2).padStart(6)}  ${f(o.p99Ms, 2).padStart(6)}  ${f(o.maxMs, 1).padStart(6)}  ${f(o.sendLagP99Ms, 2).padStart(6)}`,
  )
}
if (naive) {
  const c = naive.closed
  const o = naive.open
  console.log(
    `${'naive'.padEnd(10)} ${f(c.perSecond, 0).padStart(11)}  ${String(c.ok).padStart(7)}  ${String(c.non2xx).padStart(7)}  ${String(c.errors).padStart(6)}  ${'-'.padStart(6)}  | ${f(o.achievedPerSecond, 0).padStart(10)}  ${f(o.p50Ms, 2).padStart(6)}  ${f(o.p90Ms, 2).padStart(6)}  ${f(o.p99Ms, 2).padStart(6)}  ${f(o.maxMs, 1).padStart(6)}  ${f(o.sendLagP99Ms, 2).padStart(6)}`,
  )
}
console.log('')
console.log(`baseline: ${jre.label}: ${f(jre.perSecond, 0)}/s (rules only, no HTTP, no database)`)
console.log(`machine: ${formatCpuCapacity(capacity)}`)
const target = (ok: boolean, text: string) => console.log(`${ok ? 'PASS' : 'MISS'}  ${text}`)
let failed = false
for (const r of results) {
  const c = r.closed
  const o = r.open
  console.log(
    `\n[${r.kind}] ${f(c.perSecond / jre.perSecond, 2)}× the in-process json-rules-engine throughput`,
  )
  console.log(`[${r.kind}] closed loop ${formatCpu(r.closedCpu)}`)
  console.log(`[${r.kind}] open loop   ${formatCpu(r.openCpu)}`)
  console.log(`[${r.kind}] open loop   ${formatApiSide(r.openApiSide)}`)
  console.log(`[${r.kind}] closed loop batches: ${formatBatches(r.closedBatches)}`)
  console.log(`[${r.kind}] open loop   batches: ${formatBatches(r.openBatches)}`)
  console.log(`[${r.kind}] open loop   tail: ${formatSlowBursts(o.slow)}`)
  machine(r.kind, r.windows)
  console.log(
    `[${r.kind}] one request at a time: p50 ${f(r.serial.p50Ms, 2)} ms, p99 ${f(r.serial.p99Ms, 2)} ms, ${f(r.serial.perSecond, 0)}/s`,
  )
  if (naive && r.kind === 'postgres') {
    machine('naive', naive.windows)
    // The issue's targets were set against this handler's ~1,250/s (p99 ~70 ms) and serial p50
    // 1.7 ms / p99 7 ms on the machine of the day: the ratios carry across machines, the ms do not.
    console.log(
      `[${r.kind}] vs the naive handler, same run: ${f(c.perSecond / naive.closed.perSecond, 2)}× its throughput at 32 connections (${f(naive.closed.perSecond, 0)}/s; target 1,500 = 1.20× the ~1,250 it did when the target was set); open-loop p99 ${f(o.p99Ms, 2)} vs ${f(naive.open.p99Ms, 2)} ms (${f(o.p99Ms / naive.open.p99Ms, 2)}×); one at a time p50 ${f(r.serial.p50Ms, 2)} vs ${f(naive.serial.p50Ms, 2)} ms, p99 ${f(r.serial.p99Ms, 2)} vs ${f(naive.serial.p99Ms, 2)} ms; CPU-ms/decision ${f(r.closedCpu.totalMsPerDecision, 3)} vs ${f(naive.closedCpu.totalMsPerDecision, 3)}`,
    )
  }
  const checks: [boolean, string][] = [
    [
      c.perSecond >= 1500,
      `≥1,500 decisions/s at 32 connections: ${f(c.perSecond, 0)}/s (${f(c.perSecond / 1500, 2)}× target)`,
    ],
    [
      c.non2xx === 0 && c.errors === 0,
      `zero errors in the closed loop (${c.non2xx} non-200, ${c.errors} socket errors/timeouts)`,
    ],
    [r.stored === c.ok, `stored decisions (${r.stored}) == 200 answers (${c.ok})`],
    [o.p99Ms <= 10, `p99 ≤ 10 ms at ${RATE}/s: ${f(o.p99Ms, 2)} ms (${f(o.p99Ms / 10, 2)}× target)`],
    [o.failed === 0, `zero errors in the open loop (${o.failed})`],
  ]
  for (const [ok, text] of checks) target(ok, text)
  if (r.kind === 'postgres' && checks.some(([ok]) => !ok)) failed = true
}
process.exit(failed ? 1 : 0)

// `pnpm bench:replay`: end-to-end replay throughput on a real PostgreSQL server.
//
// Builds a fresh database on BENCH_DATABASE_URL's server with BENCH_ORDERS stored orders (default
// 1,000,000; bulk COPY), a 37-rule policy with velocity (bench/support/bench-policy.json) live and a
// candidate that changes thresholds and two rules, then times POST /replays → status "done": chunk
// planning, pg-boss queueing, streaming every order from the database, sliding-window velocity,
// facts and both evaluations on worker threads, and writing every per-order result and the summary.
// Then replays a sample of the same orders with json-rules-engine (same facts) and prints the ratio.
//
// Env: BENCH_ORDERS, BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres),
// REPLAY_THREADS (default: CPU cores), REPLAY_PAGE_SIZE (orders per database page, default 5,000), BENCH_CHUNK (orders per chunk, default 125,000),
// BENCH_JRE_SAMPLE (default 5,000), BENCH_FLOOR=0 skips the read floor (bench/support/read-floor.ts), BENCH_LOOP (orders for the
// per-order cost alone, bench/support/replay-loop.ts; default 60,000, 0 skips), BENCH_KEEP=1 keeps the database (and reuses it next time).
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { sql } from 'kysely'
import { createApp } from '../api/src/app.js'
import type { AppDeps } from '../api/src/context.js'
import { createDatabase } from '../api/src/db/database.js'
import { DEFAULT_PAGE_SIZE } from '../api/src/replays/chunk-runner.js'
import { createQueueScheduler, startBoss } from '../api/src/replays/replay-queue.js'
import { replayThreads, startReplayWorker } from '../api/src/replays/replay-worker.js'
import type { ReplayDeps } from '../api/src/replays/replays.routes.js'
import type { PolicyDocument } from '../engine/src/index.js'
import { migrateToLatest } from '../migrations/index.js'
import { backendCpu } from './support/backend-cpu.js'
import { readFloor } from './support/read-floor.js'
import { writeDataset } from './support/replay-dataset.js'
import { jreSample } from './support/replay-jre.js'
import { replayLoopCost } from './support/replay-loop.js'

const ORDERS = Number(process.env.BENCH_ORDERS ?? 1_000_000)
const THREADS = replayThreads()
const CHUNK = Number(process.env.BENCH_CHUNK ?? 125_000)
const SAMPLE = Number(process.env.BENCH_JRE_SAMPLE ?? 5_000)
const KEEP = process.env.BENCH_KEEP === '1'
const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const CLIENT = 'bench'

const baseline = JSON.parse(
  readFileSync(new URL('./support/bench-policy.json', import.meta.url), 'utf8'),
) as PolicyDocument
const candidate: PolicyDocument = structuredClone(baseline)
candidate.settings.thresholds = { review: 35, decline: 75 }
for (const rule of candidate.rules) {
  if (rule.event.type === 'score' && rule.id.startsWith('fraud.velocity')) rule.event.params!.points = 35
}

const log = (message: string) => console.log(`[bench:replay] ${message}`)
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`

// --- database ----------------------------------------------------------------------------------
const name = KEEP
  ? `verdict_bench_replay_${ORDERS}`
  : `verdict_bench_replay_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`
const admin = await createDatabase({ url: serverUrl, maxConnections: 1 })
const exists = await sql<{
  n: number
}>`select count(*)::int as n from pg_database where datname = ${name}`.execute(admin.db)
const reuse = KEEP && (exists.rows[0]?.n ?? 0) > 0
if (!reuse) await sql.raw(`create database ${name}`).execute(admin.db)
const url = new URL(serverUrl)
url.pathname = `/${name}`
const handle = await createDatabase({ url: url.toString(), maxConnections: 8 })
const adminKey = `bench-admin-${randomBytes(16).toString('hex')}`
const boss = await startBoss(url.toString())
const deps: AppDeps & ReplayDeps = {
  db: handle.db,
  env: { ADMIN_API_KEY: adminKey },
  replayScheduler: createQueueScheduler(boss),
  replayChunkSize: CHUNK,
}
const app = createApp(deps as AppDeps)
const call = async (method: string, path: string, body?: unknown) => {
  const res = await app.request(path, {
    method,
    headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  const json = await res.json()
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`)
  return json
}

await migrateToLatest(handle.db)
if (!reuse) {
  await call('POST', '/v1/clients', { id: CLIENT, name: 'Bench' })
  const v1 = await call('POST', `/v1/clients/${CLIENT}/policy/versions`, {
    document: baseline,
    comment: 'live',
  })
  await call('POST', `/v1/clients/${CLIENT}/policy/versions/${v1.version}/publish`, { comment: 'live' })
  const started = Date.now()
  await writeDataset(url.toString(), CLIENT, ORDERS)
  log(`wrote ${ORDERS.toLocaleString('en')} orders with COPY in ${seconds(Date.now() - started)}`)
} else {
  log(`reusing ${name}`)
}
// What autovacuum does in production (this server runs with autovacuum off): statistics, and the
// visibility map that lets the isFirstOrder and window look-ups be index-only scans.
await sql`vacuum analyze orders, order_revisions, decisions`.execute(handle.db)
const live = await call('GET', `/v1/clients/${CLIENT}/policy/live`)

// --- the replay --------------------------------------------------------------------------------
const pageSize = Number(process.env.REPLAY_PAGE_SIZE) || undefined
const worker = await startReplayWorker({
  url: url.toString(),
  threads: THREADS,
  ...(pageSize ? { pageSize } : {}),
})
await new Promise((r) => setTimeout(r, 1500)) // threads load the engine before the clock starts
const dbCpu = backendCpu(name)
const cpu0 = process.cpuUsage()
const t0 = performance.now()
const { replayId } = await call('POST', `/v1/clients/${CLIENT}/replays`, {
  candidate: { document: candidate },
})
let replay: { status: string; processed: number; total: number; summary: unknown; error: string | null }
let lastLog = t0
for (;;) {
  replay = await call('GET', `/v1/clients/${CLIENT}/replays/${replayId}`)
  if (replay.status !== 'queued' && replay.status !== 'running') break
  if (performance.now() - lastLog > 2000) {
    lastLog = performance.now()
    log(
      `  ${replay.processed.toLocaleString('en')} / ${replay.total.toLocaleString('en')} after ${seconds(lastLog - t0)}`,
    )
  }
  dbCpu.sample()
  await new Promise((r) => setTimeout(r, 50))
}
const elapsed = performance.now() - t0
const cpu = process.cpuUsage(cpu0)
const nodeCpuMs = (cpu.user + cpu.system) / 1000
const pgCpuMs = dbCpu.total()
if (replay.status !== 'done') throw new Error(`replay ended ${replay.status}: ${replay.error}`)
const rate = replay.total / (elapsed / 1000)
log(
  `replayed ${replay.total.toLocaleString('en')} orders (2 versions each) in ${seconds(elapsed)}: ${Math.round(rate).toLocaleString('en')} orders/s end to end (${THREADS} threads, chunks of ${CHUNK.toLocaleString('en')})`,
)
const perOrder = (ms: number) => ((ms * 1000) / replay.total).toFixed(1)
log(
  `  CPU per order: ${perOrder(nodeCpuMs + pgCpuMs)} µs = bench+workers ${perOrder(nodeCpuMs)} µs + PostgreSQL backends ${perOrder(pgCpuMs)} µs (${seconds(nodeCpuMs + pgCpuMs)} CPU in ${seconds(elapsed)}; 2 cores = ${seconds(2 * elapsed)})`,
)
const s = replay.summary as { changedOrders: number; transitions: unknown[]; sources: unknown }
log(`  changed orders: ${s.changedOrders.toLocaleString('en')}; sources ${JSON.stringify(s.sources)}`)

// --- the read floor: the same orders read and parsed, nothing else ------------------------------
if (process.env.BENCH_FLOOR !== '0') {
  const floor = await readFloor(handle.db, url.toString(), CLIENT, THREADS, pageSize ?? DEFAULT_PAGE_SIZE)
  const floorRate = floor.orders / (floor.ms / 1000)
  log(
    `read floor: ${floor.orders.toLocaleString('en')} orders read with the replay's page query and JSON.parse'd, nothing else, on ${THREADS} threads in ${seconds(floor.ms)}: ${Math.round(floorRate).toLocaleString('en')} orders/s`,
  )
  log(
    `  Verdict end to end took ${(elapsed / floor.ms).toFixed(2)}× the read floor's time; the target allows ${seconds((20_000 * floor.orders) / 1_000_000)} for these orders`,
  )
}

// --- the per-order work alone: one thread, rows in memory, nothing else running ------------------
const LOOP = Number(process.env.BENCH_LOOP ?? 60_000)
if (LOOP > 0) {
  const loop = await replayLoopCost(handle.db, CLIENT, live.document as PolicyDocument, candidate, LOOP)
  const µs = (x: number) => `${x.toFixed(1)} µs`
  log(
    `per-order work alone (${loop.orders.toLocaleString('en')} orders in memory, one thread): ${µs(loop.whole)} per order = window ${µs(loop.window)} + JSON.parse ${µs(loop.windowAndParse - loop.window)} + facts, both evaluations, aggregate and results ${µs(loop.whole - loop.windowAndParse)}`,
  )
  log(
    `  ${THREADS} threads doing only this would need ${µs(loop.whole / THREADS)} of wall time per order (${Math.round((THREADS * 1e6) / loop.whole).toLocaleString('en')} orders/s at most); end to end took ${µs((elapsed * 1000) / replay.total)}`,
  )
}

// --- json-rules-engine on a sample of the same orders -------------------------------------------
const jre = await jreSample(handle.db, CLIENT, live.document as PolicyDocument, candidate, SAMPLE)
log(
  `json-rules-engine: ${jre.orders.toLocaleString('en')} orders (same facts, both versions) in ${seconds(jre.ms)}: ${Math.round(jre.rate).toLocaleString('en')} orders/s (${jre.agree}/${jre.orders} outcomes agree with Verdict)`,
)
log(`ratio: Verdict end to end is ${(rate / jre.rate).toFixed(1)}× json-rules-engine's evaluation alone`)
log(`target ≥ 50,000 orders/s (1M in ≤ 20 s): ${rate >= 50_000 ? 'met' : 'NOT met'}`)

await worker.stop()
await boss.stop({ graceful: false })
await handle.close()
if (!KEEP) await sql.raw(`drop database if exists ${name} with (force)`).execute(admin.db)
await admin.close()

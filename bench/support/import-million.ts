// Streams a generated NDJSON import of N lines (default 1,000,000) through the app in-process, on
// a fresh database of the PostgreSQL server (BENCH_DATABASE_URL), and reports time and peak memory.
// The body is produced lazily, so the process holds only what the import itself holds.
// Usage: tsx bench/support/import-million.ts [lines]
import { randomBytes } from 'node:crypto'
import { sql } from 'kysely'
import { createApp } from '../../api/src/app.js'
import { createDatabase } from '../../api/src/db/database.js'
import { migrateToLatest } from '../../migrations/index.js'
import { generateCases } from './order-generator.js'

const LINES = Number(process.argv[2] ?? 1_000_000)
const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const name = `verdict_import_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`
const admin = await createDatabase({ url: serverUrl, maxConnections: 1 })
await sql.raw(`create database ${name}`).execute(admin.db)
const url = new URL(serverUrl)
url.pathname = `/${name}`
const handle = await createDatabase({ url: url.toString(), maxConnections: 4 })
await migrateToLatest(handle.db)
const adminKey = `import-admin-${randomBytes(16).toString('hex')}`
const app = createApp({ db: handle.db, env: { ADMIN_API_KEY: adminKey } })
const auth = { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' }
await app.request('/v1/clients', {
  method: 'POST',
  headers: auth,
  body: JSON.stringify({ id: 'imp', name: 'Import' }),
})

const cases = generateCases(5000, 7).map((c) => c.order)
const labels = ['fraud', 'chargeback', 'legit', null, null, null]
const encoder = new TextEncoder()
let produced = 0
const body = new ReadableStream<Uint8Array>({
  pull(controller) {
    if (produced >= LINES) return controller.close()
    let chunk = ''
    for (let k = 0; k < 200 && produced < LINES; k++, produced++) {
      const order = { ...cases[produced % cases.length]!, id: `M-${produced}` }
      chunk += `${JSON.stringify({ order, label: labels[produced % labels.length] })}\n`
    }
    controller.enqueue(encoder.encode(chunk))
  },
})

let peakRss = 0
let peakHeap = 0
const sampler = setInterval(() => {
  const m = process.memoryUsage()
  peakRss = Math.max(peakRss, m.rss)
  peakHeap = Math.max(peakHeap, m.heapUsed)
}, 250)
const started = performance.now()
const res = await app.request('/v1/clients/imp/orders/import', {
  method: 'POST',
  headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/x-ndjson' },
  body,
  duplex: 'half',
} as RequestInit)
const seconds = (performance.now() - started) / 1000
clearInterval(sampler)
const answer = await res.text()
const count = await sql<{ n: number }>`select count(*)::int as n from orders where client_id = 'imp'`.execute(
  handle.db,
)
const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MiB`
console.log(`${LINES.toLocaleString('en-US')} lines → ${res.status} ${answer}`)
console.log(
  `stored orders: ${count.rows[0]?.n}; ${seconds.toFixed(1)} s (${Math.round(LINES / seconds)} lines/s)`,
)
console.log(`peak RSS ${mb(peakRss)}, peak heap ${mb(peakHeap)}`)
await handle.close()
await sql.raw(`drop database if exists ${name} with (force)`).execute(admin.db)
await admin.close()

// The naive handler issue #3 measures Verdict against: Hono + postgres.js, one velocity query, the
// order and a decision inserted in one transaction, no rules engine, no validation, no idempotency.
// bench:api runs it on the same machine, generator and orders as the API, so its numbers are the
// same-run baseline for the API's own (machines here differ by up to 3× between sessions).
//
// Run as a child process: DATABASE_URL=… PORT=… node --import tsx bench/support/naive-handler.ts
import { randomUUID } from 'node:crypto'
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import postgres from 'postgres'

const sql = postgres(process.env.DATABASE_URL!, { onnotice: () => {} })

await sql`create table if not exists naive_orders (
  client_id text not null, order_id text not null, created_at timestamptz not null,
  email text, total numeric not null, document jsonb not null, primary key (client_id, order_id))`
await sql`create index if not exists naive_orders_email on naive_orders (client_id, email, created_at)`
await sql`create table if not exists naive_decisions (
  client_id text not null, decision_id text not null, order_id text not null, outcome text not null,
  facts jsonb not null, evaluated_at timestamptz not null default now(), primary key (client_id, decision_id))`

interface NaiveOrder {
  id: string
  createdAt: string
  total: number
  customer?: { email?: string }
}

const app = new Hono()
app.get('/readyz', (c) => c.json({ ok: true }))
app.post('/v1/clients/:clientId/orders/evaluate', async (c) => {
  const clientId = c.req.param('clientId')
  const order = await c.req.json<NaiveOrder>()
  const email = order.customer?.email ?? null
  const [row] = await sql<{ n: number }[]>`
    select count(*)::int as n from naive_orders
    where client_id = ${clientId} and email = ${email}
      and created_at >= ${order.createdAt}::timestamptz - interval '24 hours'
      and created_at < ${order.createdAt}::timestamptz`
  const ordersByEmail24h = row?.n ?? 0
  const outcome = ordersByEmail24h >= 3 ? 'review' : 'approve'
  const decisionId = `dec_${randomUUID()}`
  await sql.begin(async (tx) => {
    await tx`insert into naive_orders ${tx({
      client_id: clientId,
      order_id: order.id,
      created_at: order.createdAt,
      email,
      total: order.total,
      document: tx.json(order as never),
    })}`
    await tx`insert into naive_decisions ${tx({
      client_id: clientId,
      decision_id: decisionId,
      order_id: order.id,
      outcome,
      facts: tx.json({ velocity: { ordersByEmail24h } }),
    })}`
  })
  // The open loop's wrk script matches answers to due times by the request's id (as the API echoes it).
  const requestId = c.req.header('x-request-id')
  if (requestId) c.header('X-Request-Id', requestId)
  return c.json({ decisionId, orderId: order.id, outcome, facts: { ordersByEmail24h } })
})

const server = serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: '127.0.0.1' })
process.on('SIGTERM', () => {
  server.close()
  void sql.end({ timeout: 1 }).then(() => process.exit(0))
})

import type { Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import postgres from 'postgres'
import { jsonChecksum } from '../../api/src/lib/checksum.js'
import { cardKey, normalizeEmail, normalizeIp, type Order } from '../../engine/src/index.js'
import { BENCH_CATALOG, BENCH_MANAGED_LISTS } from './bench-catalog.js'
import { generateCases } from './order-generator.js'
import { seededRandom } from './random.js'

/** One year of orders for one client, starting here; ~31 s apart on average, clustered. */
const START = Date.parse('2025-01-01T00:00:00Z')
const YEAR_MS = 365 * 86_400_000

// COPY text format: backslash, tab, newline and carriage return must be escaped.
const text = (value: string | null) =>
  value === null
    ? '\\N'
    : value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r')

/**
 * Writes `count` orders (orders + order_revisions rows) for `clientId` with COPY, plus the bench
 * catalog and managed lists. Customers repeat (a pool of count/5 e-mails, IPs and cards shared by
 * bursts), so the velocity windows have real work to do.
 */
export async function writeDataset(url: string, clientId: string, count: number): Promise<void> {
  const sql = postgres(url, { max: 2, onnotice: () => {} })
  const templates = generateCases(5000, 7).map((c) => c.order)
  const r = seededRandom(11)
  const customers = Math.max(10, Math.floor(count / 5))
  const labels = ['fraud', 'chargeback', 'legit', 'legit', 'legit'] as const
  const ordersRows: string[] = []
  const revisionRows: string[] = []
  let at = START
  const mean = YEAR_MS / count

  const makeRow = (i: number) => {
    const template = templates[i % templates.length]!
    // Bursts: one order in ten arrives seconds after the previous one, from the same customer.
    const burst = i > 0 && r.chance(0.1)
    at += burst ? r.int(1, 120) * 1000 : Math.floor(r.next() * 2 * mean)
    const customer = burst ? lastCustomer : r.int(0, customers - 1)
    lastCustomer = customer
    const order: Order = {
      ...template,
      id: `R-${i}`,
      createdAt: new Date(at).toISOString(),
      customer: {
        ...template.customer,
        email: r.chance(0.01)
          ? template.customer.email
          : `customer${customer}@${i % 7 === 0 ? 'mailinator.com' : 'example.com'}`,
        ip: `10.${(customer >> 16) & 255}.${(customer >> 8) & 255}.${customer & 255}`,
      },
      payment: {
        ...template.payment,
        card: {
          bin: '411111',
          last4: String(1000 + ((customer * 7 + (r.chance(0.05) ? 1 : 0)) % 9000)),
          country: 'US',
        },
      },
    }
    const document = JSON.stringify(order)
    const checksum = jsonChecksum(order)
    const label = r.chance(0.2) ? r.pick(labels) : null
    ordersRows.push(
      [
        clientId,
        order.id,
        '1',
        order.createdAt,
        text(normalizeEmail(order.customer.email)),
        text(normalizeIp(order.customer.ip)),
        text(cardKey(order.payment.card)),
        String(order.total),
        order.currency,
        text(label),
        't',
        checksum,
      ].join('\t'),
    )
    revisionRows.push([clientId, order.id, '1', text(document), checksum, 'import'].join('\t'))
  }
  let lastCustomer = 0

  const copy = async (statement: postgres.PendingQuery<postgres.Row[]>, rows: string[]) => {
    const writable = (await statement.writable()) as Writable
    await pipeline(
      (async function* () {
        for (let i = 0; i < rows.length; i += 1000) yield `${rows.slice(i, i + 1000).join('\n')}\n`
      })(),
      writable,
    )
  }

  const BATCH = 100_000
  for (let start = 0; start < count; start += BATCH) {
    ordersRows.length = 0
    revisionRows.length = 0
    for (let i = start; i < Math.min(count, start + BATCH); i++) makeRow(i)
    await copy(
      sql`copy orders (client_id, order_id, revision, created_at, email, ip, card_key, total, currency, label, imported, checksum) from stdin`,
      ordersRows,
    )
    await copy(
      sql`copy order_revisions (client_id, order_id, revision, document, checksum, source) from stdin`,
      revisionRows,
    )
  }
  for (const item of BENCH_CATALOG) {
    await sql`insert into catalog_items (client_id, sku, name, price, currency, stock, category)
      values (${clientId}, ${item.sku}, ${item.name ?? null}, ${item.price}, ${item.currency}, ${item.stock}, ${item.category ?? null})`
  }
  for (const [name, values] of BENCH_MANAGED_LISTS) {
    await sql`insert into managed_lists (client_id, name, description) values (${clientId}, ${name}, 'bench')`
    for (const value of values) {
      await sql`insert into managed_list_items (client_id, list_name, value) values (${clientId}, ${name}, ${value})`
    }
  }
  await sql`analyze orders`
  await sql`analyze order_revisions`
  await sql.end()
}

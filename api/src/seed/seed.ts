import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { type Kysely, sql } from 'kysely'
import { createApiKey } from '../api-keys/api-keys.service.js'
import type { Principal } from '../context.js'
import type { Database } from '../db/tables.js'
import {
  type CatalogItem,
  compactTrace,
  compilePolicy,
  createMemoryProvider,
  ENGINE_VERSION,
  evaluateOrder,
  exampleOrder,
  type PolicyDocument,
  parseOrder,
  ZERO_VELOCITY,
} from '../engine.js'
import { buildDecision, newDecisionId } from '../evaluations/decision-builder.js'
import { orderKeys } from '../evaluations/order-input.js'
import { jsonChecksum } from '../lib/checksum.js'
import { publishVersion, saveVersion } from '../policies/policies.service.js'
import { FALLBACK_POLICY } from './fallback-policy.js'
import { generateOrders } from './order-generator.js'
import { createRandom } from './random.js'
import { insertChunked, json, jsonb } from './seed.repository.js'

const SEEDER: Principal = { keyId: 'seed', name: 'demo seed', role: 'admin', global: true }

export interface SeedOptions {
  rulesDir: string
  ordersPerClient?: number
  days?: number
  now?: Date
  log?: (message: string) => void
}

interface ClientFiles {
  id: string
  name: string
  policy: PolicyDocument
  catalog: CatalogItem[]
  lists: Record<string, { description?: string; items: string[] }>
  /** Customer fields beyond orders.md that the client's integration sends (see customerExtras). */
  customerExtras: Record<string, unknown>
}

function readJson<T>(path: string, fallback: T): T {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T
  } catch {
    return fallback
  }
}

/** Every rules/<client>.policy.json with its catalog and lists; a built-in demo when there are none. */
const CONTRACT_CUSTOMER_FIELDS = new Set(Object.keys(exampleOrder().customer))

/**
 * Customer fields beyond orders.md that a client's sample orders (rules/<id>.samples) carry, each
 * with the one value every sample that has it agrees on: what that shop's integration sends (Fresh
 * Cellar's storefront sends `ageVerified: true` once it has checked a customer's age). Without them
 * the seeded history would hold nearly every alcohol order for an age check the shop already did.
 */
export function customerExtras(samples: readonly unknown[]): Record<string, unknown> {
  const seen = new Map<string, string | null>()
  for (const sample of samples) {
    const customer = (sample as { order?: { customer?: Record<string, unknown> } })?.order?.customer
    if (!customer || typeof customer !== 'object') continue
    for (const [field, value] of Object.entries(customer)) {
      if (CONTRACT_CUSTOMER_FIELDS.has(field)) continue
      const text = JSON.stringify(value)
      seen.set(field, !seen.has(field) || seen.get(field) === text ? text : null)
    }
  }
  const extras: Record<string, unknown> = {}
  for (const [field, text] of seen) if (text !== null) extras[field] = JSON.parse(text)
  return extras
}

function readSamples(dir: string): unknown[] {
  try {
    return readdirSync(dir)
      .filter((name) => name.endsWith('.json'))
      .map((name) => readJson<unknown>(join(dir, name), null))
  } catch {
    return []
  }
}

export function loadClientFiles(rulesDir: string): ClientFiles[] {
  let names: string[] = []
  try {
    names = readdirSync(rulesDir).filter((name) => name.endsWith('.policy.json'))
  } catch {}
  const clients = names.sort().map((file) => {
    const id = file.replace(/\.policy\.json$/, '')
    const policy = readJson<PolicyDocument>(join(rulesDir, file), FALLBACK_POLICY)
    return {
      id,
      name: policy.description?.split(' — ')[0]?.split(' (')[0] ?? id,
      policy,
      catalog: readJson<CatalogItem[]>(join(rulesDir, `${id}.catalog.json`), []),
      lists: readJson<ClientFiles['lists']>(join(rulesDir, `${id}.lists.json`), {}),
      customerExtras: customerExtras(readSamples(join(rulesDir, `${id}.samples`))),
    }
  })
  if (clients.length) return clients
  return [
    {
      id: 'demo',
      name: 'Demo shop',
      policy: FALLBACK_POLICY,
      catalog: FALLBACK_CATALOG,
      lists: {},
      customerExtras: {},
    },
  ]
}

const FALLBACK_CATALOG: CatalogItem[] = [
  { sku: 'TEE-M-BLU', name: 'T-shirt', price: 19.99, currency: 'USD', stock: 100, category: 'apparel' },
  { sku: 'HOODIE-L', name: 'Hoodie', price: 49.0, currency: 'USD', stock: 40, category: 'apparel' },
  { sku: 'CAP-01', name: 'Cap', price: 15.5, currency: 'USD', stock: 0, category: 'accessories' },
]

/**
 * Seeds the demo once (nothing happens when any client exists): the example clients with their
 * policy published, catalog, managed lists, and past orders with labels and engine-made decisions.
 * Orders are evaluated in memory (the engine's memory provider gives the same velocity as SQL) and
 * written in batches, so 15,000 orders take seconds, not minutes.
 */
export async function seedDemo(db: Kysely<Database>, options: SeedOptions): Promise<boolean> {
  const existing = await db.selectFrom('clients').select('id').limit(1).executeTakeFirst()
  if (existing) return false
  const log = options.log ?? (() => {})
  const now = (options.now ?? new Date()).getTime()
  for (const client of loadClientFiles(options.rulesDir)) {
    const started = performance.now()
    await db.insertInto('clients').values({ id: client.id, name: client.name }).execute()
    const saved = await saveVersion(db, {
      clientId: client.id,
      document: client.policy,
      comment: 'initial policy (demo seed)',
      principal: SEEDER,
    })
    await publishVersion(db, {
      clientId: client.id,
      version: saved.version,
      comment: 'demo go-live',
      principal: SEEDER,
    })
    await seedCatalogAndLists(db, client)
    const count = await seedOrders(db, client, saved.version, saved.checksum, {
      count: options.ordersPerClient ?? 5000,
      days: options.days ?? 90,
      now,
    })
    log(
      `seeded ${client.id}: policy v${saved.version}, ${count} orders in ${Math.round(performance.now() - started)} ms`,
    )
  }
  // Fresh statistics, so the planner picks the velocity indexes right away.
  await sql`analyze`.execute(db)
  return true
}

async function seedCatalogAndLists(db: Kysely<Database>, client: ClientFiles): Promise<void> {
  await insertChunked(
    db,
    'catalog_items',
    client.catalog.map((item) => ({
      client_id: client.id,
      sku: item.sku,
      name: item.name ?? null,
      price: item.price,
      currency: item.currency,
      stock: item.stock,
      category: item.category ?? null,
    })),
  )
  for (const [name, list] of Object.entries(client.lists)) {
    await db
      .insertInto('managed_lists')
      .values({ client_id: client.id, name, description: list.description ?? '' })
      .execute()
    const values = [...new Set(list.items.map((item) => item.trim().toLowerCase()))]
    await insertChunked(
      db,
      'managed_list_items',
      values.map((value) => ({ client_id: client.id, list_name: name, value })),
    )
  }
}

async function seedOrders(
  db: Kysely<Database>,
  client: ClientFiles,
  version: number,
  policyChecksum: string,
  opts: { count: number; days: number; now: number },
): Promise<number> {
  const rng = createRandom(client.id)
  const compiled = compilePolicy(client.policy)
  const lists = Object.fromEntries(Object.entries(client.lists).map(([name, list]) => [name, list.items]))
  const managedLists = new Map(
    Object.entries(lists).map(([name, items]) => [name, new Set(items.map((i) => i.trim().toLowerCase()))]),
  )
  const catalogMap = new Map(client.catalog.map((item) => [item.sku, item]))
  const emptyHistory = {
    velocity: { ...ZERO_VELOCITY },
    isFirstOrder: false,
    catalog: catalogMap,
    managedLists,
  }
  const accept = (body: Record<string, unknown>) => {
    const parsed = parseOrder(body)
    if (!parsed.ok) return false
    const outcome = evaluateOrder(compiled, parsed.order, emptyHistory).result.outcome
    return outcome === 'approve' || outcome === 'review'
  }
  const generated = generateOrders({
    accept,
    rng,
    prefix: client.id.split('-')[0]!.toUpperCase(),
    policy: client.policy,
    catalog: client.catalog.length ? client.catalog : FALLBACK_CATALOG,
    customerExtras: client.customerExtras,
    count: opts.count,
    now: opts.now,
    days: opts.days,
  })
  const parsed = generated.flatMap((g) => {
    const result = parseOrder(g.order)
    return result.ok ? [{ ...g, parsed: result.order }] : []
  })
  const provider = createMemoryProvider({
    orders: parsed.map((p) => p.parsed),
    catalog: client.catalog,
    lists,
  })
  const orders: Record<string, unknown>[] = []
  const revisions: Record<string, unknown>[] = []
  const decisions: Record<string, unknown>[] = []
  const decisionRules: Record<string, unknown>[] = []
  for (const { order: body, parsed: order, label } of parsed) {
    const keys = orderKeys(order, body)
    const data = await provider.load({ order, needs: compiled.needs })
    const { result, facts } = evaluateOrder(compiled, order, data, { trace: true })
    const evaluatedAt = new Date(keys.createdAt.getTime() + rng.int(40, 400))
    const decisionId = newDecisionId(evaluatedAt)
    const decision = buildDecision({
      decisionId,
      clientId: client.id,
      orderId: order.id,
      policyVersion: version,
      result,
      facts,
      evaluatedAt,
    })
    orders.push({
      client_id: client.id,
      order_id: order.id,
      revision: 1,
      created_at: keys.createdAt,
      email: keys.email,
      ip: keys.ip,
      card_key: keys.cardKey,
      total: keys.total,
      currency: keys.currency,
      label,
      imported: false,
      checksum: keys.checksum,
      updated_at: evaluatedAt,
    })
    revisions.push({
      client_id: client.id,
      order_id: order.id,
      revision: 1,
      document: json(body),
      checksum: keys.checksum,
      source: 'seed',
    })
    const ruleIds = [...new Set(result.reasons.map((reason) => reason.ruleId))]
    decisions.push({
      client_id: client.id,
      decision_id: decisionId,
      order_id: order.id,
      revision: 1,
      policy_version: version,
      policy_checksum: policyChecksum,
      engine_version: ENGINE_VERSION,
      outcome: result.outcome,
      score: result.score,
      reasons: jsonb(result.reasons),
      tags: result.tags,
      errors: jsonb(result.errors),
      rule_ids: ruleIds,
      shipping: jsonb(decision.shipping),
      facts: jsonb(facts),
      data: jsonb({
        listMatches: result.listMatches,
        velocity: data.velocity,
        isFirstOrder: data.isFirstOrder,
        catalog: data.catalog === null ? null : [...data.catalog.values()],
      }),
      // Like live decisions: the compact trace is stored, the full one is recomputed and verified on read.
      trace: null,
      trace_compact: compactTrace(result.trace ?? []),
      timings: jsonb({ seeded: true }),
      evaluated_at: evaluatedAt,
    })
    for (const ruleId of ruleIds) {
      decisionRules.push({
        client_id: client.id,
        rule_id: ruleId,
        evaluated_at: evaluatedAt,
        decision_id: decisionId,
      })
    }
  }
  await db.transaction().execute(async (trx) => {
    await insertChunked(trx, 'orders', orders)
    await insertChunked(trx, 'order_revisions', revisions)
    await insertChunked(trx, 'decisions', decisions, 250)
    await insertChunked(trx, 'decision_rules', decisionRules)
  })
  return orders.length
}

export { jsonChecksum }

/** Creates one key per role for a client (printed at start so the demo can be tried per role). */
export async function createDemoKeys(db: Kysely<Database>, clientId: string) {
  const roles = ['integrator', 'analyst', 'publisher', 'auditor'] as const
  const out: Record<string, string> = {}
  for (const role of roles) {
    out[role] = (
      await createApiKey(db, { clientIds: [clientId], name: `demo ${role}`, role, createdBy: SEEDER })
    ).key
  }
  return out
}

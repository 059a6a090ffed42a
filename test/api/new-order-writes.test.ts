import fc from 'fast-check'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_MAX_IN_FLIGHT } from '../../api/src/db/group-batcher.js'
import { hotQuery } from '../../api/src/db/hot-query.js'
import {
  type DecisionValues,
  type OrderKeys,
  writeEvaluationWith,
} from '../../api/src/evaluations/evaluations.repository.js'
import { type NewOrderWrite, NewOrderWriter, writeBatch } from '../../api/src/evaluations/new-order-writes.js'
import { openTestDatabase } from '../support/harness.js'

type Opened = Awaited<ReturnType<typeof openTestDatabase>>
let opened: Opened
beforeAll(async () => {
  opened = await openTestDatabase()
})
afterAll(async () => opened.drop())

const CLIENT = 'writer-client'
let serial = 0

function write(
  orderId: string,
  extra: Partial<DecisionValues> = {},
  keys: Partial<OrderKeys> = {},
): NewOrderWrite {
  const n = serial++
  return {
    clientId: CLIENT,
    keys: {
      orderId,
      createdAt: new Date(Date.UTC(2026, 10, 1, 12, 0, 0, n)),
      email: `c${n}@example.com`,
      ip: '203.0.113.9',
      cardKey: `411111:${String(n).padStart(4, '0')}`,
      total: 1234.56,
      currency: 'EUR',
      checksum: `sum-${orderId}`,
      document: { id: orderId, note: 'quotes " and \\ backslash, {braces}, commas' },
      ...keys,
    },
    decision: {
      decisionId: `dec-${orderId}`,
      policyVersion: 3,
      policyChecksum: 'pc',
      engineVersion: 'test',
      outcome: 'review',
      score: 42.5,
      reasons: [{ ruleId: 'fraud.x', message: 'm' }],
      tags: ['vip'],
      errors: [],
      ruleIds: ['fraud.x', 'payment.y'],
      shipping: null,
      facts: { totals: { declared: 1234.56 } },
      data: { velocity: {} },
      trace: null,
      traceCompact: 'Ft',
      timings: { parseMs: 0.1 },
      evaluatedAt: new Date(Date.UTC(2026, 10, 1, 12, 0, 1, n)),
      ...extra,
    },
  }
}

/** A writer over the test database that counts the statements it sends. */
function countingWriter() {
  const query = hotQuery(opened.handle.db)
  const counter = { statements: 0 }
  const writer = new NewOrderWriter(async (text, params) => {
    counter.statements++
    return query(text, params)
  })
  return { writer, counter }
}

async function stored(orderId: string) {
  const db = opened.handle.db
  const order = await db
    .selectFrom('orders')
    .where('client_id', '=', CLIENT)
    .where('order_id', '=', orderId)
    .selectAll()
    .executeTakeFirst()
  const revisions = await db
    .selectFrom('order_revisions')
    .where('client_id', '=', CLIENT)
    .where('order_id', '=', orderId)
    .selectAll()
    .execute()
  const decision = await db
    .selectFrom('decisions')
    .where('client_id', '=', CLIENT)
    .where('order_id', '=', orderId)
    .selectAll()
    .executeTakeFirst()
  const rules = await db
    .selectFrom('decision_rules')
    .where('client_id', '=', CLIENT)
    .where('decision_id', '=', decision?.decision_id ?? '')
    .select('rule_id')
    .orderBy('rule_id')
    .execute()
  return { order, revisions, decision, rules: rules.map((r) => r.rule_id) }
}

describe('new orders written in batches (group commit)', () => {
  it('writes concurrent new orders in fewer statements than orders, each stored whole', async () => {
    const { writer, counter } = countingWriter()
    const writes = Array.from({ length: 20 }, (_, i) => write(`batch-${i}`))
    const answers = await Promise.all(writes.map((w) => writer.write(w)))
    expect(answers).toEqual(writes.map(() => true))
    // DEFAULT_MAX_IN_FLIGHT go at once, alone; the other ones wait for the first to finish and go
    // together in one statement.
    expect(counter.statements).toBeLessThanOrEqual(DEFAULT_MAX_IN_FLIGHT + 1)
    for (const w of writes) {
      const s = await stored(w.keys.orderId)
      expect(s.order?.revision).toBe(1)
      expect(s.order?.imported).toBe(false)
      expect(s.revisions).toHaveLength(1)
      expect(s.revisions[0]?.source).toBe('evaluate')
      expect(s.decision?.decision_id).toBe(w.decision.decisionId)
      expect(s.rules).toEqual(['fraud.x', 'payment.y'])
    }
  })

  it('stores every value exactly as a single write would', async () => {
    const { writer } = countingWriter()
    const w = write('exact-1', { score: -0.1 + 0.3, tags: ['a,b', 'q"t', '{x}', 'back\\slash', 'ü ✓'] })
    expect(await writer.write(w)).toBe(true)
    const s = await stored('exact-1')
    expect(Number(s.order?.total)).toBe(1234.56)
    expect(s.order?.created_at.toISOString()).toBe(w.keys.createdAt.toISOString())
    expect(s.order?.email).toBe(w.keys.email)
    expect(s.order?.card_key).toBe(w.keys.cardKey)
    expect(s.revisions[0]?.document).toEqual(w.keys.document)
    expect(s.decision?.score).toBe(-0.1 + 0.3)
    expect(s.decision?.tags).toEqual(w.decision.tags)
    expect(s.decision?.policy_version).toBe(3)
    expect(s.decision?.shipping).toBeNull()
    expect(s.decision?.trace).toBeNull()
    expect(s.decision?.evaluated_at.toISOString()).toBe(w.decision.evaluatedAt.toISOString())
  })

  it('writes a twin order id in the same burst once; the other caller is told it lost', async () => {
    const { writer } = countingWriter()
    const answers = await Promise.all([
      writer.write(write('twin-1')),
      writer.write(write('twin-1')),
      writer.write(write('twin-1')),
      writer.write(write('twin-other')),
    ])
    expect(answers.slice(0, 3).filter(Boolean)).toHaveLength(1)
    expect(answers[3]).toBe(true)
    expect((await stored('twin-1')).revisions).toHaveLength(1)
  })

  it('answers false for an order id that already exists', async () => {
    const { writer } = countingWriter()
    expect(await writer.write(write('exists-1'))).toBe(true)
    expect(await writer.write(write('exists-1'))).toBe(false)
  })

  it('fails only the bad order of a batch; the others are written', async () => {
    const { writer } = countingWriter()
    // orders.order_id is at most 128 characters (a CHECK constraint): this row fails its batch.
    const bad = write('x'.repeat(200))
    const good = Array.from({ length: 5 }, (_, i) => write(`isolated-${i}`))
    const results = await Promise.allSettled([
      writer.write(write('isolated-first')),
      writer.write(write('isolated-second')),
      ...good.map((w) => writer.write(w)),
      writer.write(bad),
    ])
    expect(results.at(-1)?.status).toBe('rejected')
    expect(results.slice(0, -1).every((r) => r.status === 'fulfilled' && r.value === true)).toBe(true)
    for (const w of good) expect((await stored(w.keys.orderId)).decision).toBeDefined()
    expect((await stored('x'.repeat(200))).order).toBeUndefined()
  })

  it('two batches with the same new ids in opposite orders never deadlock', async () => {
    const query = hotQuery(opened.handle.db)
    for (let round = 0; round < 15; round++) {
      const [x, y] = [`lock-${round}-a`, `lock-${round}-b`]
      const results = await Promise.allSettled([
        writeBatch(query, [write(x), write(y)]),
        writeBatch(query, [write(y), write(x)]),
      ])
      // Each id is written by exactly one of the two statements, and neither fails.
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled'])
      const [a, b] = results.map((r) => (r.status === 'fulfilled' ? r.value : []))
      expect([a![0]! !== b![1]!, a![1]! !== b![0]!]).toEqual([true, true])
    }
  })

  it('round-trips any text in keys, tags and rule ids (property)', async () => {
    const { writer } = countingWriter()
    let n = 0
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 40 }),
        fc.array(fc.string({ maxLength: 12 }), { maxLength: 4 }),
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 12 }), { maxLength: 4 }),
        async (email, tags, ruleIds) => {
          const id = `prop-${n++}`
          const clean = (s: string) => s.replaceAll('\u0000', '')
          const w = write(
            id,
            { tags: tags.map(clean), ruleIds: [...new Set(ruleIds.map(clean).filter(Boolean))] },
            { email: clean(email) },
          )
          expect(await writer.write(w)).toBe(true)
          const s = await stored(id)
          expect(s.order?.email).toBe(w.keys.email)
          expect(s.decision?.tags).toEqual(w.decision.tags)
          expect(s.decision?.rule_ids).toEqual(w.decision.ruleIds)
          expect([...s.rules].sort()).toEqual([...w.decision.ruleIds].sort())
        },
      ),
      { numRuns: 25 },
    )
  })

  it('a batch statement stores every value exactly as one-order statements do (property)', async () => {
    // Any text but U+0000 (the API refuses it before this point), lone surrogates included.
    const text = fc.string({ unit: 'binary', maxLength: 16 }).map((t) => t.replaceAll('\u0000', ''))
    const number = fc.double({ noNaN: true, noDefaultInfinity: true })
    let n = 0
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            email: text,
            note: text,
            nested: fc.jsonValue({ maxDepth: 2 }),
            tags: fc.array(text, { maxLength: 3 }),
            ruleIds: fc.uniqueArray(text.filter(Boolean), { maxLength: 3 }),
            score: number,
            total: fc.integer({ min: 0, max: 10 ** 12 }).map((cents) => cents / 100),
            message: text,
            trace: fc.option(fc.jsonValue({ maxDepth: 1 }), { nil: null }),
          }),
          { minLength: 2, maxLength: 5 },
        ),
        async (orders) => {
          const pairs = orders.map((o) => {
            const id = `same-${n++}`
            const batched = write(
              `${id}-b`,
              {
                score: o.score,
                tags: o.tags,
                ruleIds: o.ruleIds,
                reasons: [{ ruleId: 'r', message: o.message }],
                facts: { nested: o.nested, note: o.note },
                trace: o.trace,
              },
              { email: o.email, total: o.total, document: { id: `${id}-b`, note: o.note, nested: o.nested } },
            )
            // The same order under another id: every other value equal.
            const single: NewOrderWrite = JSON.parse(
              JSON.stringify(batched).replaceAll(`${id}-b`, `${id}-s`),
              (key, value) => (key === 'createdAt' || key === 'evaluatedAt' ? new Date(value) : value),
            )
            return { batched, single }
          })
          const written = await writeBatch(
            hotQuery(opened.handle.db),
            pairs.map((p) => p.batched),
          )
          expect(written).toEqual(pairs.map(() => true))
          for (const p of pairs) {
            const one = await writeEvaluationWith(
              hotQuery(opened.handle.db),
              CLIENT,
              p.single.keys,
              p.single.decision,
              { kind: 'new', source: 'evaluate' },
            )
            expect(one.written).toBe(true)
            const [b, s] = await Promise.all([storedText(p.batched), storedText(p.single)])
            // Only the ids (and what embeds them) differ between the two writes.
            expect(b).toEqual(
              JSON.parse(JSON.stringify(s).replaceAll(`${p.single.keys.orderId}`, p.batched.keys.orderId)),
            )
          }
        },
      ),
      { numRuns: 20 },
    )
  })
})

/** Every stored column of an order written by `write`, as PostgreSQL prints it. */
async function storedText(w: NewOrderWrite) {
  const { rows } = await sql<Record<string, string | null>>`
    select o.created_at::text as created_at, o.email, o.ip, o.card_key, o.total::text as total, o.currency,
      o.checksum, o.imported::text as imported, r.document::text as document, r.source,
      d.decision_id, d.policy_version::text as policy_version, d.policy_checksum, d.engine_version,
      d.outcome, d.score::text as score, d.reasons::text as reasons, d.tags::text as tags,
      d.errors::text as errors, d.rule_ids::text as rule_ids, d.shipping::text as shipping,
      d.facts::text as facts, d.data::text as data, d.trace::text as trace, d.trace_compact,
      d.timings::text as timings, d.evaluated_at::text as evaluated_at,
      (select string_agg(rule_id, ',' order by rule_id) from decision_rules x
        where x.client_id = d.client_id and x.decision_id = d.decision_id) as rules
    from orders o
    join order_revisions r using (client_id, order_id)
    join decisions d using (client_id, order_id)
    where o.client_id = ${CLIENT} and o.order_id = ${w.keys.orderId}`.execute(opened.handle.db)
  expect(rows).toHaveLength(1)
  return rows[0]!
}

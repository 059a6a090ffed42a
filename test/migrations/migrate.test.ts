import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DatabaseHandle } from '../../api/src/db/database.js'
import { IMMUTABLE_SQLSTATE, sqlState } from '../../api/src/db/pg-errors.js'
import { migrateDownAll, migrateToLatest, migrations } from '../../migrations/index.js'
import { openTestDatabase } from '../support/harness.js'

async function tableNames(handle: DatabaseHandle): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_name not like 'kysely_%' order by 1`.execute(handle.db)
  return rows.map((row) => row.name)
}

async function refusal(run: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await run()
  } catch (error) {
    return sqlState(error)
  }
  return 'no error'
}

describe('migrations', () => {
  let handle: DatabaseHandle
  let drop: () => Promise<void>
  beforeAll(async () => {
    ;({ handle, drop } = await openTestDatabase())
  })
  afterAll(() => drop())

  it('go up, all the way down and up again on an empty database', async () => {
    const up = await tableNames(handle)
    expect(up).toEqual(
      expect.arrayContaining([
        'clients',
        'api_keys',
        'policy_versions',
        'orders',
        'decisions',
        'idempotency_keys',
      ]),
    )
    await migrateDownAll(handle.db)
    expect(await tableNames(handle)).toEqual([])
    const again = await migrateToLatest(handle.db)
    expect(again.results?.length).toBe(Object.keys(migrations).length)
    expect(await tableNames(handle)).toEqual(up)
  })

  describe('immutability triggers', () => {
    beforeAll(async () => {
      await sql`insert into clients (id, name) values ('imm', 'Imm')`.execute(handle.db)
      await sql`insert into policy_versions (client_id, version, document, checksum, created_by)
        values ('imm', 1, '{"a":1}', 'c1', 'test')`.execute(handle.db)
      await sql`insert into orders (client_id, order_id, revision, created_at, email, total, currency, checksum)
        values ('imm', 'o1', 1, now(), 'a@b.c', 10, 'USD', 'x')`.execute(handle.db)
      await sql`insert into order_revisions (client_id, order_id, revision, document, checksum, source)
        values ('imm', 'o1', 1, '{}', 'x', 'evaluate')`.execute(handle.db)
      await sql`insert into decisions (client_id, decision_id, order_id, revision, policy_version, policy_checksum,
          engine_version, outcome, score, reasons, facts, data, evaluated_at)
        values ('imm', 'dec_1', 'o1', 1, 1, 'c1', 'e1', 'approve', 0, '[]', '{}', '{}', now())`.execute(
        handle.db,
      )
      await sql`insert into policy_publications (client_id, version, published_by) values ('imm', 1, 'test')`.execute(
        handle.db,
      )
    })

    it.each([
      [
        'UPDATE of a policy document',
        sql`update policy_versions set document = '{"a":2}' where client_id = 'imm'`,
      ],
      [
        'UPDATE of a policy checksum',
        sql`update policy_versions set checksum = 'c2' where client_id = 'imm'`,
      ],
      ['DELETE of a policy version', sql`delete from policy_versions where client_id = 'imm'`],
      ['TRUNCATE of policy versions', sql`truncate policy_versions cascade`],
      ['UPDATE of a decision', sql`update decisions set outcome = 'decline' where client_id = 'imm'`],
      ['DELETE of a decision', sql`delete from decisions where client_id = 'imm'`],
      ['TRUNCATE of decisions', sql`truncate decisions cascade`],
      ['UPDATE of a publication', sql`update policy_publications set comment = 'x' where client_id = 'imm'`],
      ['DELETE of a publication', sql`delete from policy_publications where client_id = 'imm'`],
    ])('refuses %s', async (_name, statement) => {
      expect(await refusal(() => statement.execute(handle.db))).toBe(IMMUTABLE_SQLSTATE)
    })

    it('leaves the rows untouched after the refusals', async () => {
      const { rows } = await sql<{ document: unknown; checksum: string }>`
        select document, checksum from policy_versions where client_id = 'imm'`.execute(handle.db)
      expect(rows).toEqual([{ document: { a: 1 }, checksum: 'c1' }])
      const decisions = await sql<{
        outcome: string
      }>`select outcome from decisions where client_id = 'imm'`.execute(handle.db)
      expect(decisions.rows).toEqual([{ outcome: 'approve' }])
    })

    it('still allows correcting the comment of a version', async () => {
      await sql`update policy_versions set comment = 'fixed typo' where client_id = 'imm'`.execute(handle.db)
      const { rows } = await sql<{
        comment: string
      }>`select comment from policy_versions where client_id = 'imm'`.execute(handle.db)
      expect(rows[0]?.comment).toBe('fixed typo')
    })

    it('bumps a managed list revision when its items change', async () => {
      await sql`insert into managed_lists (client_id, name) values ('imm', 'blocked')`.execute(handle.db)
      const revision = async () =>
        (
          await sql<{ revision: number }>`select revision from managed_lists where client_id = 'imm'`.execute(
            handle.db,
          )
        ).rows[0]?.revision ?? -1
      const r0 = await revision()
      await sql`insert into managed_list_items (client_id, list_name, value) values ('imm', 'blocked', 'a'), ('imm', 'blocked', 'b')`.execute(
        handle.db,
      )
      const r1 = await revision()
      await sql`delete from managed_list_items where client_id = 'imm' and value = 'a'`.execute(handle.db)
      const r2 = await revision()
      expect(r1).toBeGreaterThan(r0)
      expect(r2).toBeGreaterThan(r1)
    })
  })
})

describe('TOAST compression of the large JSON columns', () => {
  let handle: DatabaseHandle
  let drop: () => Promise<void>
  beforeAll(async () => {
    ;({ handle, drop } = await openTestDatabase())
  })
  afterAll(() => drop())

  const compression = async (table: string, column: string) =>
    (
      await sql<{ c: string }>`select attcompression::text as c from pg_attribute
        where attrelid = ${table}::regclass and attname = ${column}`.execute(handle.db)
    ).rows[0]?.c
  const hasLz4 = async () =>
    (
      await sql<{ ok: boolean }>`select 'lz4' = any(enumvals) as ok from pg_settings
        where name = 'default_toast_compression'`.execute(handle.db)
    ).rows[0]?.ok === true
  const columns: [string, string][] = [
    ...['reasons', 'errors', 'shipping', 'facts', 'data', 'trace', 'timings'].map((c): [string, string] => [
      'decisions',
      c,
    ]),
    ['order_revisions', 'document'],
    ['idempotency_keys', 'response_body'],
    ['replay_order_segments', 'orders'],
  ]

  it('is lz4 where the server has it (pglz, the default, elsewhere), and a stored decision reads back whole', async () => {
    const expected = (await hasLz4()) ? 'l' : ''
    for (const [table, column] of columns)
      expect(await compression(table, column), `${table}.${column}`).toBe(expected)
    const facts = {
      items: Array.from({ length: 200 }, (_, i) => ({ sku: `SKU-${i}`, note: 'x'.repeat(20) })),
    }
    await sql`insert into decisions (client_id, decision_id, order_id, revision, policy_version, policy_checksum,
        engine_version, outcome, score, reasons, tags, errors, rule_ids, shipping, facts, data, timings, evaluated_at)
      values ('toast', 'dec_toast', 'o-1', 1, 1, 'x', 'e', 'approve', 0, '[]', '{}', '[]', '{}', '{}',
        json_build_object('items', (select json_agg(json_build_object('sku', 'SKU-' || i, 'note', repeat('x', 20)))
          from generate_series(0, 199) as i)), '{}', '{}', now())`.execute(handle.db)
    const row = (
      await sql<{
        facts: string
        stored: string
      }>`select facts::text as facts, pg_column_compression(facts) as stored
        from decisions where decision_id = 'dec_toast'`.execute(handle.db)
    ).rows[0]!
    expect(JSON.parse(row.facts)).toEqual(facts)
    expect(row.stored).toBe(expected === 'l' ? 'lz4' : 'pglz')
  })

  it('compresses the facts of a decision of ordinary size (~2.5 KB), not only of rows over 8 KB', async () => {
    const expected = (await hasLz4()) ? 'lz4' : 'pglz'
    // The shape of the facts bench:api stores: the order, its derived facts, velocity (~2.2–2.6 KB).
    const facts = {
      order: {
        id: 'o-typical',
        customer: { name: 'Elias Rhodes', email: 'elias.rhodes16@example.com', phone: '+1 212 555 0138' },
        items: Array.from({ length: 24 }, (_, i) => ({
          sku: `SKU-${i}`,
          quantity: i + 1,
          unitPrice: 10 * i,
          category: 'gift-cards',
        })),
        shippingAddress: { line1: '884 Main St', city: 'New York', region: 'NY', postalCode: '10001' },
      },
      customer: { emailValid: true, emailDomain: 'example.com', phoneValid: true, isFirstOrder: true },
      address: { shippingComplete: true, shippingPostalCodeValid: true, billingShippingSame: false },
      velocity: { ordersByEmail1h: 0, ordersByEmail24h: 0, amountByEmail24h: 0, distinctCardsByEmail7d: 0 },
      lists: { disposableDomains: ['mailinator.com', 'guerrillamail.com', 'trashmail.com'] },
    }
    const text = JSON.stringify(facts)
    expect(text.length).toBeGreaterThan(2000)
    await sql`insert into decisions (client_id, decision_id, order_id, revision, policy_version, policy_checksum,
        engine_version, outcome, score, reasons, tags, errors, rule_ids, shipping, facts, data, timings, evaluated_at)
      values ('toast', 'dec_typical', 'o-typical', 1, 1, 'x', 'e', 'approve', 0, ${JSON.stringify([{ ruleId: 'r', text: 'y'.repeat(400) }])}::text::json, '{}', '[]', '{}', '{}',
        ${text}::text::json, ${JSON.stringify({ listMatches: [], velocity: facts.velocity, note: 'z'.repeat(300) })}::text::json, '{}', now())`.execute(
      handle.db,
    )
    const row = (
      await sql<{
        facts: string
        stored: string | null
        size: number
      }>`select facts::text as facts, pg_column_compression(facts) as stored, pg_column_size(facts) as size
        from decisions where decision_id = 'dec_typical'`.execute(handle.db)
    ).rows[0]!
    expect(row.stored).toBe(expected)
    expect(row.size).toBeLessThan(text.length)
    expect(JSON.parse(row.facts)).toEqual(facts)
  })
})

import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { compactTrace, type RuleTrace } from '../../api/src/engine.js'
import { createClientWithKeys, orderFactory, policyFactory } from '../support/factories.js'
import { useHarness } from '../support/harness.js'
import { publishPolicy } from '../support/policies.js'

// The evaluate hot path: two statements per request (data + key check + live version; write), the
// key's role and scope from a short-lived cache, and a compact trace stored instead of the full one.
const h = useHarness()

async function liveClient() {
  const client = await createClientWithKeys(h)
  await publishPolicy(h, client.clientId)
  return client
}

const evaluate = (clientId: string, key: string, body: unknown) =>
  h.request('POST', `/v1/clients/${clientId}/orders/evaluate`, { key, body })

describe('evaluate hot path', () => {
  it('stores the compact trace; reading the decision recomputes the full trace and verifies it', async () => {
    const { clientId, keys } = await liveClient()
    const res = await evaluate(clientId, keys.integrator, orderFactory({ total: 950 }))
    expect(res.status).toBe(200)
    const row = await h.db
      .selectFrom('decisions')
      .where('client_id', '=', clientId)
      .where('decision_id', '=', res.body.decisionId)
      .select(['trace', 'trace_compact'])
      .executeTakeFirstOrThrow()
    expect(row.trace).toBeNull()
    expect(row.trace_compact).toMatch(/^[FNDE][tf\-e_]*(\.[FNDE][tf\-e_]*)*$/)
    expect((row.trace_compact ?? '').length).toBeLessThan(500)

    const read = await h.request('GET', `/v1/clients/${clientId}/decisions/${res.body.decisionId}`, {
      key: keys.auditor,
    })
    expect(read.status).toBe(200)
    expect(read.body.traceRecomputed).toBe(true)
    expect(read.body.traceVerified).toBe(true)
    expect(compactTrace(read.body.trace as RuleTrace[])).toBe(row.trace_compact)
    // The compact form carries the outcome's rules: every fired rule of the trace is a reason.
    const fired = (read.body.trace as RuleTrace[]).filter((r) => r.status === 'fired').map((r) => r.ruleId)
    expect(fired.sort()).toEqual(res.body.reasons.map((r: { ruleId: string }) => r.ruleId).sort())
  })

  it('flags a stored compact trace that the recomputation does not reproduce', async () => {
    const { clientId, keys } = await liveClient()
    const res = await evaluate(clientId, keys.integrator, orderFactory())
    const stored = await h.request('GET', `/v1/clients/${clientId}/decisions/${res.body.decisionId}`, {
      key: keys.auditor,
    })
    // A forged decision (append-only forbids editing the real one): same inputs, another trace.
    const forged = 'dec_01JBBBBBBBBBBBBBBBBBBBBBBB'
    const tampered = (stored.body.traceCompact ?? compactTrace(stored.body.trace)).replace(/^./, 'E')
    await sql`insert into order_revisions (client_id, order_id, revision, document, checksum, source)
      values (${clientId}, ${stored.body.orderId}, 2, '{}'::jsonb, 'x', 'modify')`.execute(h.db)
    await sql`insert into decisions (client_id, decision_id, order_id, revision, policy_version, policy_checksum,
        engine_version, outcome, score, reasons, facts, data, trace_compact, evaluated_at)
      values (${clientId}, ${forged}, ${stored.body.orderId}, 2, 1, ${stored.body.version.checksum}, 'x',
        ${stored.body.outcome}, ${stored.body.score}, ${JSON.stringify(stored.body.reasons)}::text::jsonb,
        ${JSON.stringify(stored.body.facts)}::text::jsonb, ${JSON.stringify(stored.body.data)}::text::jsonb,
        ${tampered}, now())`.execute(h.db)
    const read = await h.request('GET', `/v1/clients/${clientId}/decisions/${forged}`, { key: keys.auditor })
    expect(read.body.traceVerified).toBe(false)
    const reproduced = await h.request('POST', `/v1/clients/${clientId}/decisions/${forged}/reproduce`, {
      key: keys.auditor,
    })
    expect(reproduced.body.identical).toBe(false)
    expect(reproduced.body.differences.map((d: { field: string }) => d.field)).toEqual(['traceCompact'])
    const genuine = await h.request(
      'POST',
      `/v1/clients/${clientId}/decisions/${res.body.decisionId}/reproduce`,
      { key: keys.auditor },
    )
    expect(genuine.body.identical).toBe(true)
  })

  it('refuses a key revoked right after it evaluated (the cached key is re-checked)', async () => {
    const { clientId } = await liveClient()
    const created = await h.request('POST', `/v1/clients/${clientId}/api-keys`, {
      key: h.adminKey,
      body: { name: 'shop', role: 'integrator' },
    })
    expect((await evaluate(clientId, created.body.key, orderFactory())).status).toBe(200)
    await h.request('DELETE', `/v1/clients/${clientId}/api-keys/${created.body.id}`, { key: h.adminKey })
    const after = await evaluate(clientId, created.body.key, orderFactory())
    expect(after.status).toBe(401)
    expect(after.headers.get('www-authenticate')).toBe('Bearer')
    expect(after.body.error.code).toBe('unauthorized')
  })

  it('uses a version published after the key was cached for the very next evaluation', async () => {
    const { clientId, keys } = await liveClient()
    expect((await evaluate(clientId, keys.integrator, orderFactory())).body.policyVersion).toBe(1)
    await publishPolicy(h, clientId, policyFactory({ description: 'second version' }))
    const next = await evaluate(clientId, keys.integrator, orderFactory())
    expect(next.body.policyVersion).toBe(2)
  })
  it('stores the decision documents as the text the API wrote (json: no jsonb parse, key order kept)', async () => {
    const { clientId, keys } = await liveClient()
    const res = await evaluate(clientId, keys.integrator, orderFactory())
    expect(res.status).toBe(200)
    const { rows } = await sql<{ facts: string; data: string; reasons: string; types: string }>`
      select facts::text as facts, data::text as data, reasons::text as reasons,
        pg_typeof(facts)::text || ',' || pg_typeof(data)::text || ',' || pg_typeof(reasons)::text as types
      from decisions where client_id = ${clientId} and decision_id = ${res.body.decisionId}`.execute(h.db)
    const row = rows[0]!
    expect(row.types).toBe('json,json,json')
    // jsonb would print its own form (keys by length, spaces after colons); json is JSON.stringify's.
    const read = await h.request('GET', `/v1/clients/${clientId}/decisions/${res.body.decisionId}`, {
      key: keys.auditor,
    })
    expect(row.facts).toBe(JSON.stringify(read.body.facts))
    expect(row.reasons).toBe(JSON.stringify(res.body.reasons))
    expect(JSON.parse(row.data)).toEqual(read.body.data)
  })
})

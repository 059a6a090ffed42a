import { describe, expect, it } from 'vitest'
import { runChunk } from '../../api/src/replays/chunk-runner.js'
import { createClientWithKeys } from '../support/factories.js'
import { useHarness } from '../support/harness.js'
import {
  evaluate,
  importOrders,
  replayHarness,
  replayOrders,
  runReplay,
  saveVersion,
  waitForReplay,
} from './replays-support.js'

/**
 * The replay as api.md ("The replay") and docs/replay.md promise it, checked over a small
 * hand-built history whose every per-order answer is written out below (EXPECTED) and worked out
 * by hand from the two policies; the summary's figures are those rows counted.
 */
const h = useHarness()

type Json = any
type Outcome = 'approve' | 'review' | 'hold' | 'decline'

const rule = (id: string, path: string, operator: string, value: unknown, event: Json, extra: Json = {}) => ({
  id,
  category: 'fraud',
  conditions: { all: [{ fact: 'order', path, operator, value }] },
  event,
  ...extra,
})
const score = (points: number) => ({ type: 'score', params: { points, message: `+${points}` } })

const BIG = rule('big', '$.total', 'greaterThan', 100, score(50))
const HUGE = rule('huge', '$.total', 'greaterThan', 300, score(40))
const WEB = rule('web-tag', '$.channel', 'equal', 'web', { type: 'tag', params: { tag: 'web' } })
const CHEAP = rule('cheap-review', '$.total', 'lessThan', 10, {
  type: 'review',
  params: { message: 'cheap' },
})
const PHONE = '+1 212 555 0100'

/** Baseline: review at 40; a Canadian address is held; a very cheap order is reviewed. */
const BASELINE = {
  schemaVersion: 1,
  settings: { thresholds: { review: 40, decline: 80 } },
  rules: [
    BIG,
    HUGE,
    WEB,
    rule('legacy-hold', '$.shippingAddress.country', 'equal', 'CA', {
      type: 'hold',
      params: { code: 'CHECK_ADDRESS', message: 'check the address' },
    }),
    CHEAP,
  ],
}

/**
 * Candidate: review at 60, legacy-hold removed, cheap-review disabled (same conditions), a phone
 * score, a promo-code decline, and a disabled rule reading a field no order has.
 */
const CANDIDATE = {
  schemaVersion: 1,
  settings: { thresholds: { review: 60, decline: 80 } },
  rules: [
    BIG,
    HUGE,
    WEB,
    { ...CHEAP, enabled: false },
    rule('phone-check', '$.customer.phone', 'equal', PHONE, score(20)),
    rule('promo', '$.promoCode', 'equal', 'FREE', {
      type: 'decline',
      params: { code: 'PROMO', message: 'promo abuse' },
    }),
    rule('new-disabled', '$.customer.fax', 'equal', 'x', score(5), { enabled: false }),
  ],
}

interface Extra {
  phone?: boolean
  web?: boolean
  ca?: boolean
  promo?: boolean
  /** createdAt as written in the order (another offset); defaults to the Z form of `hour`. */
  at?: string
}

const at = (hour: number) => new Date(Date.UTC(2026, 2, 1, hour)).toISOString()

function order(id: string, hour: number, total: number, x: Extra = {}): Json {
  return {
    id,
    createdAt: x.at ?? at(hour),
    ...(x.web ? { channel: 'web' } : {}),
    currency: 'USD',
    customer: { email: `${id}@example.com`, ...(x.phone ? { phone: PHONE } : {}) },
    shippingAddress: x.ca
      ? { line1: '1 King St', city: 'Toronto', region: 'ON', postalCode: 'M5V 2T6', country: 'CA' }
      : { line1: '1 Main St', city: 'Austin', region: 'TX', postalCode: '73301', country: 'US' },
    items: [{ sku: 'A', quantity: 1, unitPrice: total }],
    shipping: { method: 'standard' },
    total,
    payment: { method: 'card', status: 'captured' },
    ...(x.promo ? { promoCode: 'FREE' } : {}),
  }
}

type Side = [Outcome, number, string[]]
interface Row {
  id: string
  hour: number
  total: number
  x: Extra
  label: 'fraud' | 'chargeback' | 'legit' | null
  /** Evaluated live (a stored decision) instead of imported. */
  live?: boolean
  b: Side
  c: Side
}

const row = (
  id: string,
  hour: number,
  total: number,
  x: Extra,
  label: Row['label'],
  b: Side,
  c: Side,
  live = false,
): Row => ({ id, hour, total, x, label, b, c, live })

// Baseline score = 50 (total > 100) + 40 (total > 300); candidate adds 20 for the phone.
const EXPECTED: Row[] = [
  row('o01', 0, 5, {}, 'legit', ['review', 0, ['cheap-review']], ['approve', 0, []]),
  row(
    'o02',
    1,
    5,
    { phone: true },
    'fraud',
    ['review', 0, ['cheap-review']],
    ['approve', 20, ['phone-check']],
  ),
  row('o03', 2, 50, {}, null, ['approve', 0, []], ['approve', 0, []]),
  // A score change with the same outcome is not a changed order.
  row('o04', 3, 50, { phone: true }, 'legit', ['approve', 0, []], ['approve', 20, ['phone-check']]),
  row('o05', 4, 50, { web: true }, 'legit', ['approve', 0, ['web-tag']], ['approve', 0, ['web-tag']]),
  row('o06', 5, 150, {}, 'fraud', ['review', 50, ['big']], ['approve', 50, ['big']]),
  row(
    'o07',
    6,
    150,
    { phone: true },
    'fraud',
    ['review', 50, ['big']],
    ['review', 70, ['big', 'phone-check']],
  ),
  row(
    'o08',
    7,
    150,
    { web: true },
    'legit',
    ['review', 50, ['big', 'web-tag']],
    ['approve', 50, ['big', 'web-tag']],
  ),
  row('o09', 8, 500, {}, 'chargeback', ['decline', 90, ['big', 'huge']], ['decline', 90, ['big', 'huge']]),
  row(
    'o10',
    9,
    500,
    { phone: true },
    'legit',
    ['decline', 90, ['big', 'huge']],
    ['decline', 110, ['big', 'huge', 'phone-check']],
  ),
  row('o11', 10, 50, { ca: true }, 'legit', ['hold', 0, ['legacy-hold']], ['approve', 0, []]),
  row('o12', 11, 50, { promo: true }, 'fraud', ['approve', 0, []], ['decline', 0, ['promo']]),
  row(
    'o13',
    12,
    1500,
    { ca: true },
    null,
    ['decline', 90, ['big', 'huge', 'legacy-hold']],
    ['decline', 90, ['big', 'huge']],
  ),
  row(
    'o14',
    13,
    150,
    { ca: true, phone: true, web: true },
    'fraud',
    ['hold', 50, ['big', 'legacy-hold', 'web-tag']],
    ['review', 70, ['big', 'phone-check', 'web-tag']],
  ),
  row('o15', 14, 20, {}, null, ['approve', 0, []], ['approve', 0, []]),
  row(
    'o16',
    15,
    20,
    { web: true, phone: true },
    null,
    ['approve', 0, ['web-tag']],
    ['approve', 20, ['phone-check', 'web-tag']],
  ),
  // 18:00+02:00 is 16:00Z: compared as an instant, never as a string.
  row(
    'o17',
    16,
    150,
    { at: '2026-03-01T18:00:00+02:00' },
    'legit',
    ['review', 50, ['big']],
    ['approve', 50, ['big']],
  ),
  row('o18', 17, 8, {}, 'chargeback', ['review', 0, ['cheap-review']], ['approve', 0, []]),
  row('e1', 18, 50, {}, null, ['approve', 0, []], ['approve', 0, []], true),
  row('e2', 19, 150, {}, null, ['review', 50, ['big']], ['approve', 50, ['big']], true),
  row('e3', 20, 500, {}, null, ['decline', 90, ['big', 'huge']], ['decline', 90, ['big', 'huge']], true),
]

const ZERO = (): Record<Outcome, number> => ({ approve: 0, review: 0, hold: 0, decline: 0 })
const ids = (rows: Row[]) => rows.map((r) => r.id)

/** A client with BASELINE live (v1), CANDIDATE saved (v2) and the history above. */
async function historyClient() {
  const client = await createClientWithKeys(h)
  const { clientId, keys } = client
  const v1 = await saveVersion(h, clientId, keys.analyst, BASELINE)
  const pub = await h.request('POST', `/v1/clients/${clientId}/policy/versions/${v1}/publish`, {
    key: keys.publisher,
    body: { comment: 'live' },
  })
  expect(pub.status).toBe(200)
  const v2 = await saveVersion(h, clientId, keys.analyst, CANDIDATE)
  await importOrders(
    h,
    clientId,
    keys.integrator,
    EXPECTED.filter((r) => !r.live).map((r) => ({
      order: order(r.id, r.hour, r.total, r.x),
      label: r.label,
    })),
  )
  for (const r of EXPECTED.filter((x) => x.live)) {
    await evaluate(h, clientId, keys.integrator, order(r.id, r.hour, r.total, r.x))
  }
  return { ...client, v1, v2, base: `/v1/clients/${clientId}/replays` }
}

/** The summary api.md defines, counted from the expected rows. */
function expectedSummary(rows: Row[]) {
  const outcomes = { baseline: ZERO(), candidate: ZERO() }
  const transitions = new Map<string, number>()
  const hits = new Map<string, { b: number; c: number }>()
  const buckets = { baseline: new Map<number, number>(), candidate: new Map<number, number>() }
  for (const id of [...BASELINE.rules, ...CANDIDATE.rules].map((r) => r.id)) hits.set(id, { b: 0, c: 0 })
  for (const r of rows) {
    outcomes.baseline[r.b[0]]++
    outcomes.candidate[r.c[0]]++
    const key = `${r.b[0]}>${r.c[0]}`
    transitions.set(key, (transitions.get(key) ?? 0) + 1)
    for (const id of r.b[2]) hits.get(id)!.b++
    for (const id of r.c[2]) hits.get(id)!.c++
    for (const [side, s] of [
      ['baseline', r.b[1]],
      ['candidate', r.c[1]],
    ] as const) {
      const from = Math.floor(s / 10) * 10
      buckets[side].set(from, (buckets[side].get(from) ?? 0) + 1)
    }
  }
  const hist = (m: Map<number, number>) =>
    [...m].sort((a, b) => a[0] - b[0]).map(([from, count]) => ({ from, to: from + 10, count }))
  return {
    total: rows.length,
    outcomes,
    transitions: [...transitions].map(([k, count]) => {
      const [from, to] = k.split('>') as [Outcome, Outcome]
      return { from, to, count }
    }),
    changedOrders: rows.filter((r) => r.b[0] !== r.c[0]).length,
    rules: [...hits].map(([ruleId, n]) => ({ ruleId, baselineHits: n.b, candidateHits: n.c })),
    scores: { baseline: hist(buckets.baseline), candidate: hist(buckets.candidate) },
  }
}

const byRule = (a: { ruleId: string }, b: { ruleId: string }) => a.ruleId.localeCompare(b.ruleId)
const byPair = (a: { from: string; to: string }, b: { from: string; to: string }) =>
  `${a.from}>${a.to}`.localeCompare(`${b.from}>${b.to}`)

async function ok(res: Promise<{ status: number; body: Json; text: string }>, status = 200) {
  const r = await res
  expect(r.status, r.text).toBe(status)
  return r.body
}

describe('GET …/replays/{replayId}: the summary (api.md "The replay")', () => {
  it('counts outcomes, transitions, changed orders, rule hits, scores, labels and missing facts exactly', async () => {
    const c = await historyClient()
    const replay = await runReplay(h, c.clientId, c.keys.analyst, { candidate: { document: CANDIDATE } })
    expect(replay).toMatchObject({ status: 'done', processed: 21, total: 21 })
    const s = replay.summary
    const want = expectedSummary(EXPECTED)
    expect(s.total).toBe(21)
    // Baseline defaults to the live version; an unsaved document candidate has no version.
    expect(s.baseline).toEqual({ version: c.v1, outcomes: { approve: 7, review: 8, hold: 2, decline: 4 } })
    expect(s.candidate).toEqual({ version: null, outcomes: { approve: 14, review: 2, hold: 0, decline: 5 } })
    expect(s.baseline.outcomes).toEqual(want.outcomes.baseline)
    expect(s.candidate.outcomes).toEqual(want.outcomes.candidate)
    // Every pair that occurs (unchanged ones included), and no other.
    expect([...s.transitions].sort(byPair)).toEqual([...want.transitions].sort(byPair))
    expect(s.transitions).toHaveLength(7)
    expect(s.changedOrders).toBe(10)
    expect(s.changedOrders).toBe(want.changedOrders)
    // Union of both versions' rule ids: absent (legacy-hold) and disabled (cheap-review,
    // new-disabled) count 0 for that version; the tag rule is a rule like any other.
    expect([...s.rules].sort(byRule)).toEqual([...want.rules].sort(byRule))
    expect(s.rules.find((r: Json) => r.ruleId === 'cheap-review')).toEqual({
      ruleId: 'cheap-review',
      baselineHits: 3,
      candidateHits: 0,
    })
    expect(s.rules.find((r: Json) => r.ruleId === 'web-tag')).toMatchObject({
      baselineHits: 4,
      candidateHits: 4,
    })
    // Buckets of 10, [from, to), non-empty only; each histogram sums to the total.
    expect(s.scores).toEqual(want.scores)
    for (const side of ['baseline', 'candidate'] as const)
      expect(s.scores[side].reduce((n: number, b: Json) => n + b.count, 0)).toBe(21)
    // 14 labelled; positives o02 o06 o07 o09 o12 o14 o18; hold is not flagged.
    // Baseline TP 5 FN 2 FP 4 TN 3; candidate TP 4 FN 3 FP 1 TN 6.
    expect(s.labels.labeled).toBe(14)
    expect(s.labels.baseline.precision).toBeCloseTo(5 / 9, 12)
    expect(s.labels.baseline.recall).toBeCloseTo(5 / 7, 12)
    expect(s.labels.baseline.falsePositiveRate).toBeCloseTo(4 / 7, 12)
    expect(s.labels.candidate.precision).toBeCloseTo(4 / 5, 12)
    expect(s.labels.candidate.recall).toBeCloseTo(4 / 7, 12)
    expect(s.labels.candidate.falsePositiveRate).toBeCloseTo(1 / 7, 12)
    // Paths the candidate's enabled rules read, absent on some orders ($.total never is; the
    // disabled rule's $.customer.fax is not read).
    expect([...s.missingFacts].sort((a: Json, b: Json) => a.path.localeCompare(b.path))).toEqual([
      { fact: 'order', path: '$.channel', orders: 17 },
      { fact: 'order', path: '$.customer.phone', orders: 15 },
      { fact: 'order', path: '$.promoCode', orders: 20 },
    ])
    expect(s.sources).toEqual({ storedFacts: 3, currentData: 18 })
  })

  it('gives the same figures for the candidate as a saved version, and names it', async () => {
    const c = await historyClient()
    const byDoc = await runReplay(h, c.clientId, c.keys.analyst, { candidate: { document: CANDIDATE } })
    const byVersion = await runReplay(h, c.clientId, c.keys.analyst, { candidate: { version: c.v2 } })
    expect(byVersion.summary.candidate.version).toBe(c.v2)
    expect(byVersion.summary.baseline.version).toBe(c.v1)
    expect({ ...byVersion.summary, candidate: byVersion.summary.candidate.outcomes }).toEqual({
      ...byDoc.summary,
      candidate: byDoc.summary.candidate.outcomes,
    })
    // An explicit baseline swaps the roles: every transition reverses.
    const swapped = await runReplay(h, c.clientId, c.keys.analyst, {
      baseline: { version: c.v2 },
      candidate: { version: c.v1 },
    })
    expect(swapped.summary.baseline.version).toBe(c.v2)
    expect(swapped.summary.candidate.version).toBe(c.v1)
    expect([...swapped.summary.transitions].sort(byPair)).toEqual(
      byDoc.summary.transitions.map((t: Json) => ({ from: t.to, to: t.from, count: t.count })).sort(byPair),
    )
    expect(swapped.summary.changedOrders).toBe(10)
  })

  it('takes the live version as the default baseline after a publication', async () => {
    const c = await historyClient()
    const pub = await h.request('POST', `/v1/clients/${c.clientId}/policy/versions/${c.v2}/publish`, {
      key: c.keys.publisher,
      body: { comment: 'v2 live' },
    })
    expect(pub.status).toBe(200)
    const replay = await runReplay(h, c.clientId, c.keys.analyst, { candidate: { version: c.v1 } })
    expect(replay.baseline).toEqual({ version: c.v2 })
    expect(replay.summary.baseline.version).toBe(c.v2)
  })
})

describe('POST …/replays: from, to and limit', () => {
  const window = (rows: Row[], from: number, to: number) => rows.filter((r) => r.hour >= from && r.hour < to)

  it('replays the orders with createdAt in [from, to), compared as instants', async () => {
    const c = await historyClient()
    // from = 04:00+02:00 = 02:00Z (o03 included); to = 16:00Z = o17's instant (excluded).
    const replay = await runReplay(h, c.clientId, c.keys.analyst, {
      candidate: { document: CANDIDATE },
      from: '2026-03-01T04:00:00+02:00',
      to: '2026-03-01T16:00:00Z',
    })
    const rows = window(EXPECTED, 2, 16)
    expect(replay.total).toBe(14)
    expect(replay.summary.total).toBe(14)
    expect(new Set((await replayOrders(h, c.clientId, c.keys.auditor, replay.replayId)).keys())).toEqual(
      new Set(ids(rows)),
    )
    const want = expectedSummary(rows)
    expect(replay.summary.changedOrders).toBe(want.changedOrders)
    expect([...replay.summary.transitions].sort(byPair)).toEqual([...want.transitions].sort(byPair))
    // One millisecond later, o17 is inside.
    const wider = await runReplay(h, c.clientId, c.keys.analyst, {
      candidate: { document: CANDIDATE },
      from: '2026-03-01T02:00:00Z',
      to: '2026-03-01T16:00:00.001Z',
    })
    expect(wider.total).toBe(15)
    // RFC 3339 §5.6 allows lower-case t and z, as an order's createdAt does.
    const lower = await runReplay(h, c.clientId, c.keys.analyst, {
      candidate: { document: CANDIDATE },
      from: '2026-03-01t04:00:00+02:00',
      to: '2026-03-01t16:00:00z',
    })
    expect(lower.total).toBe(14)
    // Digits beyond the millisecond count (orders.md: compared as instants): o03 (02:00:00.000Z)
    // lies before 02:00:00.0009Z, and o17 (16:00:00.000Z) before 16:00:00.0009Z.
    const fine = await runReplay(h, c.clientId, c.keys.analyst, {
      candidate: { document: CANDIDATE },
      from: '2026-03-01T02:00:00.0009Z',
      to: '2026-03-01T16:00:00.0009Z',
    })
    expect(fine.total).toBe(14)
    expect(new Set((await replayOrders(h, c.clientId, c.keys.auditor, fine.replayId)).keys())).toEqual(
      new Set(ids(window(EXPECTED, 3, 17))),
    )
    // A window narrower than a millisecond is still a window (from before to), holding no order.
    const narrow = await runReplay(h, c.clientId, c.keys.analyst, {
      candidate: { document: CANDIDATE },
      from: '2026-03-01T02:00:00.0001Z',
      to: '2026-03-01T02:00:00.0009Z',
    })
    expect(narrow.total).toBe(0)
  })

  it('keeps the most recent N orders, of the window when there is one', async () => {
    const c = await historyClient()
    const last3 = await runReplay(h, c.clientId, c.keys.analyst, {
      candidate: { document: CANDIDATE },
      limit: 3,
    })
    expect(new Set((await replayOrders(h, c.clientId, c.keys.auditor, last3.replayId)).keys())).toEqual(
      new Set(['e1', 'e2', 'e3']),
    )
    expect(last3.summary.sources).toEqual({ storedFacts: 3, currentData: 0 })
    const inWindow = await runReplay(h, c.clientId, c.keys.analyst, {
      candidate: { document: CANDIDATE },
      to: '2026-03-01T16:00:00Z',
      limit: 5,
    })
    expect(new Set((await replayOrders(h, c.clientId, c.keys.auditor, inWindow.replayId)).keys())).toEqual(
      new Set(['o12', 'o13', 'o14', 'o15', 'o16']),
    )
    expect(inWindow.summary.total).toBe(5)
  })

  it('answers null metrics when a denominator is 0', async () => {
    const c = await historyClient()
    // o15, o16: no labelled order at all.
    const none = await runReplay(h, c.clientId, c.keys.analyst, {
      candidate: { document: CANDIDATE },
      from: at(14),
      to: at(16),
    })
    expect(none.summary.total).toBe(2)
    const nulls = { precision: null, recall: null, falsePositiveRate: null }
    expect(none.summary.labels).toEqual({ labeled: 0, baseline: nulls, candidate: nulls })
    // o03 (unlabelled), o04 and o05 (legit, approved by both): no positive, nothing flagged.
    const legit = await runReplay(h, c.clientId, c.keys.analyst, {
      candidate: { document: CANDIDATE },
      from: at(2),
      to: at(5),
    })
    const noPositive = { precision: null, recall: null, falsePositiveRate: 0 }
    expect(legit.summary.labels).toEqual({ labeled: 2, baseline: noPositive, candidate: noPositive })
    // No order at all: done at once, every count 0, all four outcome keys, every rule listed.
    const empty = await runReplay(h, c.clientId, c.keys.analyst, {
      candidate: { document: CANDIDATE },
      from: at(30),
    })
    expect(empty).toMatchObject({ status: 'done', processed: 0, total: 0 })
    // Done at once: it started when it finished, not never.
    expect(empty.startedAt).toBe(empty.finishedAt)
    expect(empty.startedAt).not.toBeNull()
    expect(empty.summary).toMatchObject({
      total: 0,
      baseline: { outcomes: ZERO() },
      candidate: { version: null, outcomes: ZERO() },
      transitions: [],
      changedOrders: 0,
      scores: { baseline: [], candidate: [] },
      labels: { labeled: 0, baseline: nulls, candidate: nulls },
      missingFacts: [],
    })
    expect(empty.summary.rules).toHaveLength(8)
  })
})

describe('GET …/replays/{replayId}/orders', () => {
  async function pages(base: string, key: string, query: string) {
    const seen: Json[] = []
    let cursor: string | null = null
    let n = 0
    do {
      const page: Json = await ok(
        h.request('GET', `${base}/orders?limit=4${query}${cursor ? `&cursor=${cursor}` : ''}`, { key }),
      )
      expect(page.data.length).toBeLessThanOrEqual(4)
      seen.push(...page.data)
      cursor = page.nextCursor
      expect(++n).toBeLessThan(20)
    } while (cursor)
    return seen
  }

  it('takes limit written as an integer in range, as the decisions list does', async () => {
    const c = await historyClient()
    const replay = await runReplay(h, c.clientId, c.keys.analyst, { candidate: { document: CANDIDATE } })
    const lists = [
      [`${c.base}/${replay.replayId}/orders`, 500, c.keys.auditor],
      [`${c.base}/sample`, 10_000, c.keys.analyst],
    ] as const
    for (const [path, max, key] of lists) {
      for (const limit of ['1', String(max)])
        expect([limit, (await h.request('GET', `${path}?limit=${limit}`, { key })).status]).toEqual([
          limit,
          200,
        ])
      for (const limit of ['0', String(max + 1), '-1', 'abc', '1.5', '', '1e1', '10.0', '0x10', '+5']) {
        const res = await h.request('GET', `${path}?limit=${limit}`, { key })
        expect([limit, res.status, res.body.error?.issues?.[0]?.path]).toEqual([limit, 422, 'limit'])
      }
    }
  })

  it('lists every order once across pages, each with its label, outcomes, scores and reasons', async () => {
    const c = await historyClient()
    const replay = await runReplay(h, c.clientId, c.keys.analyst, { candidate: { document: CANDIDATE } })
    const base = `${c.base}/${replay.replayId}`
    const all = await pages(base, c.keys.auditor, '')
    expect(all.map((r) => r.orderId).sort()).toEqual(ids(EXPECTED).sort())
    for (const want of EXPECTED) {
      const got = all.find((r) => r.orderId === want.id)
      const side = (s: Side) => ({ outcome: s[0], score: s[1] })
      expect(got, want.id).toMatchObject({
        label: want.label,
        changed: want.b[0] !== want.c[0],
        source: want.live ? 'storedFacts' : 'currentData',
        baseline: side(want.b),
        candidate: side(want.c),
      })
      expect(got.baseline.reasons.map((r: Json) => r.ruleId).sort(), want.id).toEqual(want.b[2])
      expect(got.candidate.reasons.map((r: Json) => r.ruleId).sort(), want.id).toEqual(want.c[2])
    }
    expect(all.find((r) => r.orderId === 'o14').candidate.reasons).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ ruleId: 'big', type: 'score', points: 50 }),
        expect.objectContaining({ ruleId: 'web-tag', type: 'tag', tag: 'web' }),
      ]),
    )
    // Newest first.
    const times = all.map((r) => Date.parse(r.createdAt))
    expect(times).toEqual([...times].sort((a, b) => b - a))
  })

  it('lists only the changed orders with ?changed=true, completely and without overlap', async () => {
    const c = await historyClient()
    const replay = await runReplay(h, c.clientId, c.keys.analyst, { candidate: { document: CANDIDATE } })
    const changed = await pages(`${c.base}/${replay.replayId}`, c.keys.auditor, '&changed=true')
    const want = EXPECTED.filter((r) => r.b[0] !== r.c[0])
    expect(changed.map((r) => r.orderId).sort()).toEqual(ids(want).sort())
    expect(changed.every((r) => r.changed === true)).toBe(true)
    // o04, o10: the score moved, the outcome did not.
    expect(changed.map((r) => r.orderId)).not.toContain('o04')
  })

  it("refuses a cursor of another replay (it is not a position in this one's results)", async () => {
    // Choice: a cursor is bound to the replay that issued it. Read on another replay it would
    // silently skip or repeat orders of that replay, so it is 422 on `cursor`, like a forged one.
    const c = await historyClient()
    const a = await runReplay(h, c.clientId, c.keys.analyst, { candidate: { document: CANDIDATE } })
    const b = await runReplay(h, c.clientId, c.keys.analyst, {
      candidate: { document: CANDIDATE },
      to: at(10),
    })
    for (const query of ['', '&changed=true']) {
      const first = await ok(
        h.request('GET', `${c.base}/${a.replayId}/orders?limit=2${query}`, { key: c.keys.auditor }),
      )
      expect(first.nextCursor).toEqual(expect.any(String))
      const res = await h.request(
        'GET',
        `${c.base}/${b.replayId}/orders?limit=2${query}&cursor=${first.nextCursor}`,
        { key: c.keys.auditor },
      )
      expect(res.status, query).toBe(422)
      expect(res.body.error.issues).toEqual([expect.objectContaining({ path: 'cursor' })])
    }
  })

  it.each([
    ['not base64 JSON', '%%%'],
    ['a JSON number', Buffer.from('42').toString('base64url')],
    ['a far position', Buffer.from(JSON.stringify(['a', 999, 999, 999])).toString('base64url')],
    ['negative numbers', Buffer.from(JSON.stringify(['a', -1, 0, 0])).toString('base64url')],
  ])('answers a 4xx, never a 500, for a forged cursor (%s)', async (_name, cursor) => {
    const c = await historyClient()
    const replay = await runReplay(h, c.clientId, c.keys.analyst, { candidate: { document: CANDIDATE } })
    for (const query of ['', '&changed=true']) {
      const res = await h.request('GET', `${c.base}/${replay.replayId}/orders?cursor=${cursor}${query}`, {
        key: c.keys.auditor,
      })
      expect(res.status).toBe(422)
      expect(res.body.error.code).toBe('validation_failed')
    }
  })
})

describe('GET …/replays/{replayId}/orders/{orderId}', () => {
  it('answers 404 for an order that was not part of the replay', async () => {
    const c = await historyClient()
    const replay = await runReplay(h, c.clientId, c.keys.analyst, {
      candidate: { document: CANDIDATE },
      from: at(2),
      to: at(16),
    })
    const base = `${c.base}/${replay.replayId}/orders`
    const inside = await ok(h.request('GET', `${base}/o03`, { key: c.keys.auditor }))
    expect(inside).toMatchObject({ orderId: 'o03', baseline: { outcome: 'approve' } })
    for (const id of ['o01', 'o17', 'e3', 'nope']) {
      const res = await h.request('GET', `${base}/${id}`, { key: c.keys.auditor })
      expect(res.status, id).toBe(404)
      expect(res.body.error.code).toBe('not_found')
    }
    const limited = await runReplay(h, c.clientId, c.keys.analyst, {
      candidate: { document: CANDIDATE },
      limit: 2,
    })
    const res = await h.request('GET', `${c.base}/${limited.replayId}/orders/e1`, { key: c.keys.auditor })
    expect(res.status).toBe(404)
    expect(
      (await h.request('GET', `${c.base}/${limited.replayId}/orders/e2`, { key: c.keys.auditor })).status,
    ).toBe(200)
  })
})

describe('DELETE …/replays/{replayId}', () => {
  it('cancels a queued replay (again: the same answer) and a running one; a finished one is 409', async () => {
    const c = await historyClient()
    const parked = replayHarness(h, { replayScheduler: { runner: 'queue', enqueue: async () => {} } })
    const start = async () =>
      (
        await ok(
          parked.request('POST', c.base, { key: c.keys.analyst, body: { candidate: { version: c.v2 } } }),
          202,
        )
      ).replayId as string
    const queued = await start()
    expect((await ok(h.request('GET', `${c.base}/${queued}`, { key: c.keys.auditor }))).status).toBe('queued')
    const cancelled = await ok(h.request('DELETE', `${c.base}/${queued}`, { key: c.keys.analyst }))
    expect(cancelled).toMatchObject({ replayId: queued, status: 'cancelled', summary: null })
    // A repeat answers the first cancellation (as a repeated order cancellation does).
    const again = await ok(h.request('DELETE', `${c.base}/${queued}`, { key: c.keys.analyst }))
    expect(again).toMatchObject({ status: 'cancelled', finishedAt: cancelled.finishedAt })

    // Running: cancelled between two pages of its chunk; the chunk then stops and commits nothing,
    // and every later read answers the `processed` the cancellation answered (the page the chunk
    // was on still records its progress after the DELETE).
    const running = await start()
    let seenRunning = false
    let atCancel: Record<string, unknown> = {}
    const outcome = await runChunk(
      h.db,
      { clientId: c.clientId, replayId: running, chunkNo: 0 },
      {
        worker: 'test',
        pageSize: 5,
        onPage: async (n) => {
          if (n !== 10) return
          const now = await ok(h.request('GET', `${c.base}/${running}`, { key: c.keys.auditor }))
          seenRunning = now.status === 'running' && now.processed === 5
          atCancel = await ok(h.request('DELETE', `${c.base}/${running}`, { key: c.keys.analyst }))
        },
      },
    )
    expect(seenRunning).toBe(true)
    expect(outcome).toBe('cancelled')
    expect(atCancel).toMatchObject({ status: 'cancelled', processed: 5 })
    expect(await ok(h.request('GET', `${c.base}/${running}`, { key: c.keys.auditor }))).toMatchObject({
      status: 'cancelled',
      processed: 5,
      summary: null,
    })

    // Cancelled after its last page's check, just before the commit: the commit rolls back.
    const beforeCommit = await start()
    let cancelledAt: Record<string, unknown> = {}
    const lastMoment = await runChunk(
      h.db,
      { clientId: c.clientId, replayId: beforeCommit, chunkNo: 0 },
      {
        worker: 'test',
        beforeCommit: async () => {
          cancelledAt = await ok(h.request('DELETE', `${c.base}/${beforeCommit}`, { key: c.keys.analyst }))
        },
      },
    )
    expect(lastMoment).toBe('cancelled')
    expect(cancelledAt).toMatchObject({ status: 'cancelled', processed: expect.any(Number) })
    expect(await ok(h.request('GET', `${c.base}/${beforeCommit}`, { key: c.keys.auditor }))).toMatchObject({
      status: 'cancelled',
      processed: cancelledAt.processed,
      summary: null,
    })
    const changed = await ok(h.request('GET', `${c.base}/${beforeCommit}/orders`, { key: c.keys.auditor }))
    expect(changed.data).toEqual([])

    const done = await runReplay(h, c.clientId, c.keys.analyst, { candidate: { version: c.v2 } })
    const late = await h.request('DELETE', `${c.base}/${done.replayId}`, { key: c.keys.analyst })
    expect(late.status).toBe(409)
    expect(late.body.error.code).toBe('conflict')
    expect((await ok(h.request('GET', `${c.base}/${done.replayId}`, { key: c.keys.auditor }))).status).toBe(
      'done',
    )
  })
})

describe('catalog and managed lists of the time', () => {
  it('uses the list matches stored with a decision, and the current list for imported orders', async () => {
    const { clientId, keys } = await createClientWithKeys(h)
    const blocked = {
      schemaVersion: 1,
      settings: { thresholds: { review: 40, decline: 80 } },
      rules: [
        rule('blocked', '$.customer.email', 'inList', 'blocked-emails', {
          type: 'decline',
          params: { code: 'BLOCKED', message: 'blocked' },
        }),
      ],
    }
    const v1 = await saveVersion(h, clientId, keys.analyst, blocked)
    await ok(
      h.request('POST', `/v1/clients/${clientId}/policy/versions/${v1}/publish`, {
        key: keys.publisher,
        body: { comment: 'live' },
      }),
    )
    const live = await evaluate(h, clientId, keys.integrator, order('live', 1, 50))
    expect(live.outcome).toBe('approve')
    await importOrders(h, clientId, keys.integrator, [{ order: order('imported', 2, 50) }])
    const put = await h.request('PUT', `/v1/clients/${clientId}/lists/blocked-emails`, {
      key: keys.admin,
      body: { description: 'blocked', items: ['live@example.com', 'imported@example.com'] },
    })
    expect([200, 201]).toContain(put.status)
    const candidate = { ...blocked, settings: { thresholds: { review: 30, decline: 80 } } }
    const replay = await runReplay(h, clientId, keys.analyst, { candidate: { document: candidate } })
    expect(replay.summary.sources).toEqual({ storedFacts: 1, currentData: 1 })
    const rows = await replayOrders(h, clientId, keys.auditor, replay.replayId)
    expect(rows.get('live')).toMatchObject({
      source: 'storedFacts',
      baseline: { outcome: 'approve' },
      candidate: { outcome: 'approve' },
    })
    expect(rows.get('imported')).toMatchObject({
      source: 'currentData',
      baseline: { outcome: 'decline' },
      candidate: { outcome: 'decline' },
    })
  })
})

describe('replays: keys and roles (api.md "Auth and roles")', () => {
  it('answers 401 without a key, 404 to another client, and 403/2xx by role', async () => {
    const c = await historyClient()
    const other = await createClientWithKeys(h)
    const replay = await runReplay(h, c.clientId, c.keys.analyst, { candidate: { version: c.v2 } })
    const paths = [
      ['GET', `${c.base}/${replay.replayId}`],
      ['GET', `${c.base}/${replay.replayId}/orders`],
      ['GET', `${c.base}/${replay.replayId}/orders?changed=true`],
      ['GET', `${c.base}/${replay.replayId}/orders/o01`],
      ['DELETE', `${c.base}/${replay.replayId}`],
      ['POST', c.base],
    ] as const
    const body = { candidate: { version: c.v2 } }
    for (const [method, path] of paths) {
      const anon = await h.request(method, path, { body: method === 'POST' ? body : undefined })
      expect(anon.status, `${method} ${path}`).toBe(401)
      for (const role of ['admin', 'analyst', 'auditor'] as const) {
        const res = await h.request(method, path, {
          key: other.keys[role],
          ...(method === 'POST' ? { body } : {}),
        })
        expect(res.status, `${role} of another client: ${method} ${path}`).toBe(404)
      }
      // Another client's key on its own path, with this client's replay id.
      if (method !== 'POST') {
        const own = path.replace(c.clientId, other.clientId)
        const res = await h.request(method, own, { key: other.keys.admin })
        expect(res.status, `${method} ${own}`).toBe(404)
      }
    }
    for (const role of ['integrator', 'analyst', 'publisher', 'auditor', 'admin'] as const) {
      for (const [method, path] of paths.filter(([m]) => m === 'GET'))
        expect((await h.request(method, path, { key: c.keys[role] })).status, `${role} ${path}`).toBe(200)
      const create = await h.request('POST', c.base, { key: c.keys[role], body })
      expect(create.status, `${role} POST`).toBe(role === 'analyst' || role === 'admin' ? 202 : 403)
      if (create.status === 403) expect(create.body.error.code).toBe('forbidden')
      // Let a started replay finish before the database is closed.
      else await waitForReplay(h, c.clientId, c.keys.auditor, create.body.replayId)
    }
    for (const role of ['integrator', 'publisher', 'auditor'] as const) {
      const res = await h.request('DELETE', `${c.base}/${replay.replayId}`, { key: c.keys[role] })
      expect(res.status, `${role} DELETE`).toBe(403)
    }
  })
})

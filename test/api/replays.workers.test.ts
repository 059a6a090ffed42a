import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../api/src/app.js'
import type { AppDeps } from '../../api/src/context.js'
import { asReplayDb } from '../../api/src/replays/replay.tables.js'
import { createQueueScheduler, startBoss } from '../../api/src/replays/replay-queue.js'
import type { ReplayDeps } from '../../api/src/replays/replays.routes.js'
import { createClientWithKeys } from '../support/factories.js'
import type { Harness } from '../support/harness.js'
import {
  importOrders,
  replayHarness,
  replayOrders,
  runReplay,
  saveVersion,
  waitForReplay,
} from './replays-support.js'
import {
  freshServerDatabase,
  prng,
  startWorkerProcess,
  type WorkerProcess,
} from './replays-workers-support.js'

type Json = any

const serverUrl = process.env.TEST_DATABASE_URL
const ORDERS = 6000
const CHUNK = 1000

/** Velocity-heavy history: few e-mails, IPs and cards, bursts of orders minutes apart, labels. */
function generate(n: number): Json[] {
  const rnd = prng(42)
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)]!
  let at = Date.parse('2026-01-01T00:00:00Z')
  return Array.from({ length: n }, (_, i) => {
    at += Math.floor(rnd() < 0.3 ? rnd() * 120_000 : rnd() * 1_800_000)
    const total = Math.round(rnd() * 50_000 + 100) / 100
    const order = {
      id: `W-${i}`,
      createdAt: new Date(at).toISOString(),
      currency: 'USD',
      customer: {
        email: `c${Math.floor(rnd() * 300)}@example.com`,
        ...(rnd() < 0.9 ? { ip: `10.0.${pick([0, 1])}.${Math.floor(rnd() * 40)}` } : {}),
      },
      shippingAddress: {
        line1: '1 Main St',
        city: 'Austin',
        region: 'TX',
        postalCode: '73301',
        country: 'US',
      },
      items: [{ sku: 'A', quantity: 1, unitPrice: total }],
      shipping: { method: 'standard' },
      total,
      payment: {
        method: 'card',
        status: 'captured',
        ...(rnd() < 0.8 ? { card: { bin: '411111', last4: String(1000 + Math.floor(rnd() * 200)) } } : {}),
      },
    }
    const label = rnd() < 0.3 ? pick(['fraud', 'chargeback', 'legit', 'legit']) : null
    return label ? { order, label } : { order }
  })
}

const score = (id: string, fact: string, path: string, op: string, value: unknown, points: number) => ({
  id,
  category: 'fraud',
  conditions: { all: [{ fact, path, operator: op, value }] },
  event: { type: 'score', params: { points, message: id } },
})
const BASELINE = {
  schemaVersion: 1,
  settings: { thresholds: { review: 40, decline: 80 } },
  rules: [
    score('big', 'order', '$.total', 'greaterThan', 400, 40),
    score('ip', 'velocity', '$.ordersByIp1h', 'greaterThanInclusive', 3, 30),
  ],
}
const CANDIDATE = {
  schemaVersion: 1,
  settings: { thresholds: { review: 35, decline: 70 } },
  rules: [
    score('big', 'order', '$.total', 'greaterThan', 300, 40),
    score('ip', 'velocity', '$.ordersByIp1h', 'greaterThanInclusive', 2, 30),
    score('email24', 'velocity', '$.ordersByEmail24h', 'greaterThanInclusive', 4, 25),
    score('amount', 'velocity', '$.amountByEmail24h', 'greaterThan', 900, 20),
    score('cards', 'velocity', '$.distinctCardsByEmail7d', 'greaterThanInclusive', 3, 30),
    score('emails', 'velocity', '$.distinctEmailsByCard7d', 'greaterThanInclusive', 3, 30),
    score('first', 'customer', '$.isFirstOrder', 'equal', true, 15),
  ],
}

describe.skipIf(!serverUrl)('replays on pg-boss with `pnpm worker` processes (real PostgreSQL)', () => {
  let db: Awaited<ReturnType<typeof freshServerDatabase>>
  let boss: Awaited<ReturnType<typeof startBoss>>
  let h: Harness
  let reference: Json
  let referenceRows: Map<string, Json>
  let clientId: string
  let keys: Awaited<ReturnType<typeof createClientWithKeys>>['keys']
  const workers: WorkerProcess[] = []

  beforeAll(async () => {
    db = await freshServerDatabase(serverUrl!)
    boss = await startBoss(db.url, { superviseIntervalSeconds: 1 })
    const adminKey = `test-admin-${Date.now()}-replay-workers`
    const deps: AppDeps & ReplayDeps = {
      db: db.handle.db,
      env: { ADMIN_API_KEY: adminKey },
      replayScheduler: createQueueScheduler(boss),
      replayChunkSize: CHUNK,
    }
    const base = { app: createApp(deps), db: db.handle.db, kind: 'postgres', adminKey } as unknown as Harness
    h = replayHarness(base, deps)
    ;({ clientId, keys } = await createClientWithKeys(h))
    const live = await saveVersion(h, clientId, keys.analyst, BASELINE)
    await h.request('POST', `/v1/clients/${clientId}/policy/versions/${live}/publish`, {
      key: keys.publisher,
      body: { comment: 'x' },
    })
    await importOrders(h, clientId, keys.integrator, generate(ORDERS))
    // The reference: the same replay run inside this process (what PGlite does), one chunk after another.
    const inProcess = replayHarness(h, { replayChunkSize: CHUNK })
    const ref = await runReplay(
      inProcess,
      clientId,
      keys.analyst,
      { candidate: { document: CANDIDATE } },
      120_000,
    )
    expect(ref.status).toBe('done')
    reference = ref.summary
    referenceRows = await replayOrders(h, clientId, keys.analyst, ref.replayId)
  }, 240_000)

  afterAll(async () => {
    await Promise.all(workers.map((w) => w.kill()))
    await boss?.stop({ graceful: false })
    await db?.drop()
  }, 60_000)

  const comparable = (summary: Json) => ({ ...summary })

  it('the reference replay is not trivial', () => {
    expect(reference.total).toBe(ORDERS)
    expect(reference.changedOrders).toBeGreaterThan(100)
    for (const id of ['ip', 'email24', 'amount', 'cards', 'emails', 'first']) {
      expect(reference.rules.find((r: Json) => r.ruleId === id).candidateHits).toBeGreaterThan(0)
    }
  })

  it.each([1, 3])(
    'gives the same summary and rows with %i worker process(es)',
    async (count) => {
      const started = Array.from({ length: count }, () => startWorkerProcess(db.url, { REPLAY_THREADS: '1' }))
      workers.push(...started)
      const replay = await runReplay(
        h,
        clientId,
        keys.analyst,
        { candidate: { document: CANDIDATE } },
        180_000,
      )
      await Promise.all(started.map((w) => w.stop()))
      expect(replay.error).toBeNull()
      expect(replay.status).toBe('done')
      expect(comparable(replay.summary)).toEqual(comparable(reference))
      const rows = await replayOrders(h, clientId, keys.analyst, replay.replayId)
      expect(rows).toEqual(referenceRows)
      const chunks = await asReplayDb(db.handle.db)
        .selectFrom('replay_chunks')
        .select(['worker'])
        .where('replay_id', '=', replay.replayId)
        .execute()
      expect(chunks).toHaveLength(ORDERS / CHUNK)
      // With three workers, the chunks really were shared out.
      if (count > 1) expect(new Set(chunks.map((c) => c.worker?.split('/')[0])).size).toBeGreaterThan(1)
    },
    240_000,
  )

  it('survives a worker killed mid-chunk: the chunk is retried elsewhere and counted once', async () => {
    // Small pages so the chunk is visibly in progress (and uncommitted) for a while.
    const doomed = startWorkerProcess(db.url, { REPLAY_THREADS: '1', REPLAY_PAGE_SIZE: '50' })
    workers.push(doomed)
    const started = await h.request('POST', `/v1/clients/${clientId}/replays`, {
      key: keys.analyst,
      body: { candidate: { document: CANDIDATE } },
    })
    const replayId = started.body.replayId
    const rdb = asReplayDb(db.handle.db)
    const deadline = Date.now() + 60_000
    let victim: { chunk_no: number; processed: number } | undefined
    while (!victim && Date.now() < deadline) {
      victim = await rdb
        .selectFrom('replay_chunks')
        .select(['chunk_no', 'processed'])
        .where('replay_id', '=', replayId)
        .where('status', '=', 'running')
        .where('processed', '>=', 100)
        .executeTakeFirst()
      if (!victim) await new Promise((r) => setTimeout(r, 10))
    }
    expect(victim).toBeDefined()
    await doomed.kill()
    const rescuer = startWorkerProcess(db.url, { REPLAY_THREADS: '2' })
    workers.push(rescuer)
    const replay = await waitForReplay(h, clientId, keys.analyst, replayId, 120_000)
    await rescuer.stop()
    expect(replay.status).toBe('done')
    expect(replay.summary).toEqual(reference)
    expect(await replayOrders(h, clientId, keys.analyst, replayId)).toEqual(referenceRows)
    const chunk = await rdb
      .selectFrom('replay_chunks')
      .selectAll()
      .where('replay_id', '=', replayId)
      .where('chunk_no', '=', victim!.chunk_no)
      .executeTakeFirstOrThrow()
    expect(chunk.attempts).toBeGreaterThanOrEqual(2)
    expect(chunk.processed).toBe(CHUNK)
    expect(chunk.worker).not.toContain(`:${doomed.child.pid}`)
  }, 240_000)
})

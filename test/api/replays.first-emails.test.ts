import fc from 'fast-check'
import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { runChunk } from '../../api/src/replays/chunk-runner.js'
import { emailsSeenBefore } from '../../api/src/replays/order-source.repository.js'
import { asReplayDb } from '../../api/src/replays/replay.tables.js'
import { useHarness } from '../support/harness.js'
import { acmeSampleOrders, importOrders, replayHarness, setupClient, variant } from './replays-support.js'

/**
 * A replay chunk answers isFirstOrder for e-mails new to its stream from the e-mails whose first
 * order lies in its stream (computed once per replay, stored on the chunk). That must agree with the
 * definition it replaced — "has an order created before the stream" (emailsSeenBefore, one index
 * probe per e-mail) — for every e-mail of every chunk, including first orders exactly at the
 * stream's start (lo − 7 days) and e-mails with several orders at one instant.
 */
const h = useHarness()
const DAY = 86_400_000
const BASE = Date.UTC(2026, 5, 1)
const EMAILS = ['a@example.com', 'b@example.com', 'c@example.com', 'd@example.com']

describe('replay chunks: first e-mails of their streams', () => {
  it('agree with "no order before the stream" for every e-mail of every chunk', async () => {
    const template = acmeSampleOrders()[0]
    await fc.assert(
      fc.asyncProperty(
        // Whole days (so stream starts, lo − 7 days, fall exactly on other orders), a few e-mails.
        fc.array(fc.record({ day: fc.integer({ min: 0, max: 24 }), email: fc.constantFrom(...EMAILS) }), {
          minLength: 1,
          maxLength: 14,
        }),
        fc.integer({ min: 1, max: 4 }),
        async (orders, chunkSize) => {
          const c = await setupClient(h)
          await importOrders(
            h,
            c.clientId,
            c.keys.integrator,
            orders.map((o, i) => ({
              order: variant(template, `fe-${i}`, new Date(BASE + o.day * DAY).toISOString(), {
                customer: { ...template.customer, email: o.email },
              }),
            })),
          )
          const parked = replayHarness(h, {
            replayChunkSize: chunkSize,
            replayScheduler: { runner: 'queue', enqueue: async () => {} },
          })
          const started = await parked.request('POST', `/v1/clients/${c.clientId}/replays`, {
            key: c.keys.analyst,
            body: { candidate: { version: 1 } },
          })
          expect(started.status).toBe(202)
          const rdb = asReplayDb(h.db)
          const replay = await rdb
            .selectFrom('replays')
            .select(sql<string | null>`as_of::text`.as('as_of'))
            .where('client_id', '=', c.clientId)
            .where('replay_id', '=', started.body.replayId)
            .executeTakeFirstOrThrow()
          const chunks = await rdb
            .selectFrom('replay_chunks')
            .selectAll()
            .where('client_id', '=', c.clientId)
            .where('replay_id', '=', started.body.replayId)
            .orderBy('chunk_no')
            .execute()
          expect(chunks).toHaveLength(Math.ceil(orders.length / chunkSize))
          for (const chunk of chunks) {
            expect(chunk.first_emails).not.toBeNull()
            const first = new Set(chunk.first_emails)
            const streamStart = new Date(chunk.lo_at.getTime() - 7 * DAY)
            const inChunk = orders
              .filter((o) => {
                const at = BASE + o.day * DAY
                return at >= chunk.lo_at.getTime() && at <= chunk.hi_at!.getTime()
              })
              .map((o) => o.email)
            const seen = await emailsSeenBefore(h.db, c.clientId, inChunk, streamStart, replay.as_of)
            for (const email of inChunk) expect(first.has(email)).toBe(!seen.has(email))
          }
        },
      ),
      { numRuns: 12 },
    )
  })

  it('are computed by a chunk that was planned without them (before the column existed)', async () => {
    const template = acmeSampleOrders()[0]
    const c = await setupClient(h)
    // Chunks of 2 over 8 orders of 3 e-mails, some first seen in a later chunk's warm-up.
    const days = [0, 1, 3, 8, 9, 10, 15, 16]
    await importOrders(
      h,
      c.clientId,
      c.keys.integrator,
      days.map((day, i) => ({
        order: variant(template, `fb-${i}`, new Date(BASE + day * DAY).toISOString(), {
          customer: { ...template.customer, email: EMAILS[i % 3] },
        }),
      })),
    )
    const parked = replayHarness(h, {
      replayChunkSize: 2,
      replayScheduler: { runner: 'queue', enqueue: async () => {} },
    })
    const start = async () => {
      const res = await parked.request('POST', `/v1/clients/${c.clientId}/replays`, {
        key: c.keys.analyst,
        body: { candidate: { version: 1 } },
      })
      expect(res.status).toBe(202)
      return res.body.replayId as string
    }
    const chunksOf = (replayId: string) =>
      asReplayDb(h.db)
        .selectFrom('replay_chunks')
        .select(['chunk_no', 'first_emails'])
        .where('client_id', '=', c.clientId)
        .where('replay_id', '=', replayId)
        .orderBy('chunk_no')
        .execute()
    const planned = await start()
    const legacy = await start()
    await asReplayDb(h.db)
      .updateTable('replay_chunks')
      .set({ first_emails: null })
      .where('client_id', '=', c.clientId)
      .where('replay_id', '=', legacy)
      .execute()
    for (const replayId of [planned, legacy]) {
      for (const { chunk_no } of await chunksOf(replayId)) {
        const job = { clientId: c.clientId, replayId, chunkNo: chunk_no }
        expect(await runChunk(h.db, job, { worker: 'test' })).toBe('done')
      }
    }
    const sorted = (rows: { chunk_no: number; first_emails: string[] | null }[]) =>
      rows.map((r) => [r.chunk_no, [...(r.first_emails ?? ['(null)'])].sort()])
    expect(sorted(await chunksOf(legacy))).toEqual(sorted(await chunksOf(planned)))
    const get = (replayId: string) =>
      h.request('GET', `/v1/clients/${c.clientId}/replays/${replayId}`, { key: c.keys.auditor })
    const [a, b] = [(await get(planned)).body, (await get(legacy)).body]
    expect(a.status).toBe('done')
    expect(b.summary).toEqual(a.summary)
  })
})

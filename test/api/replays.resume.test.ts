import { describe, expect, it } from 'vitest'
import { runChunk } from '../../api/src/replays/chunk-runner.js'
import { createInProcessScheduler, resumeInProcessReplays } from '../../api/src/replays/replay-scheduler.js'
import { useHarness } from '../support/harness.js'
import {
  acmeSampleOrders,
  importOrders,
  replayHarness,
  runReplay,
  setupClient,
  variant,
  waitForReplay,
} from './replays-support.js'

/**
 * The in-process runner (PGlite's) keeps no queue outside the database: a replay it had not
 * finished when the process stopped is queued again when the next process starts, and finishes
 * with every order counted once, whether none or some of its chunks were done.
 */
const h = useHarness()

type Json = any

describe('resuming in-process replays after a restart', () => {
  it('finishes queued and half-done replays with the same summary as an uninterrupted run', async () => {
    const c = await setupClient(h)
    const template = acmeSampleOrders()[0]
    const orders = Array.from({ length: 12 }, (_, i) => ({
      order: variant(template, `r-${i}`, new Date(Date.UTC(2026, 8, 1, 9, i * 7)).toISOString()),
    }))
    await importOrders(h, c.clientId, c.keys.integrator, orders)
    const body = { candidate: { version: c.liveVersion } }

    // The process "stops" before running anything: its scheduler never runs what it was given.
    const stopped = replayHarness(h, {
      replayScheduler: { runner: 'in_process', enqueue: async () => {} },
      replayChunkSize: 5,
    })
    const start = async () => {
      const res = await stopped.request('POST', `/v1/clients/${c.clientId}/replays`, {
        key: c.keys.analyst,
        body,
      })
      expect(res.status).toBe(202)
      return res.body.replayId as string
    }
    const untouched = await start()
    const halfDone = await start()
    expect(
      await runChunk(
        h.db,
        { clientId: c.clientId, replayId: halfDone, chunkNo: 1 },
        { worker: 'before-stop' },
      ),
    ).toBe('done')

    // The next process starts.
    const scheduler = createInProcessScheduler(h.db)
    expect(await resumeInProcessReplays(h.db, scheduler)).toBe(2)
    await scheduler.idle()

    const reference: Json = await runReplay(h, c.clientId, c.keys.analyst, body)
    for (const replayId of [untouched, halfDone]) {
      const replay: Json = await waitForReplay(h, c.clientId, c.keys.auditor, replayId)
      expect(replay).toMatchObject({ status: 'done', total: 12, processed: 12 })
      expect(replay.summary).toEqual(reference.summary)
    }
    // Nothing left to resume.
    expect(await resumeInProcessReplays(h.db, createInProcessScheduler(h.db))).toBe(0)
  })
})

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type BatchObservation, GroupBatcher } from '../../api/src/db/group-batcher.js'

interface Item {
  id: number
  key: string
  bad: boolean
}

/** A batcher over a fake statement that records what ran, at most how many at once. */
function recorded(maxInFlight: number, maxBatch: number) {
  const log = { batches: [] as Item[][], singles: [] as Item[], inFlight: 0, peak: 0 }
  const statement = async <T>(items: Item[], answer: () => T): Promise<T> => {
    log.inFlight++
    log.peak = Math.max(log.peak, log.inFlight)
    await new Promise((r) => setTimeout(r, 1))
    log.inFlight--
    if (items.some((i) => i.bad)) throw new Error(`bad item in ${items.map((i) => i.id)}`)
    return answer()
  }
  const batcher = new GroupBatcher<Item, string>({
    run: (items) => {
      log.batches.push([...items])
      return statement([...items], () => items.map((i) => `batch:${i.id}`))
    },
    runOne: (item) => {
      log.singles.push(item)
      return statement([item], () => `one:${item.id}`)
    },
    key: (item) => item.key,
    maxInFlight,
    maxBatch,
  })
  return { batcher, log }
}

describe('GroupBatcher', () => {
  it('sends lone items alone and groups the ones that wait', async () => {
    const { batcher, log } = recorded(2, 64)
    const items = Array.from({ length: 10 }, (_, id) => ({ id, key: `k${id}`, bad: false }))
    const answers = await Promise.all(items.map((i) => batcher.submit(i)))
    expect(answers.slice(0, 2)).toEqual(['one:0', 'one:1'])
    expect(answers.slice(2)).toEqual(items.slice(2).map((i) => `batch:${i.id}`))
    expect(log.batches).toHaveLength(1)
  })

  it('answers every item once, keeps same-key items apart, respects the limits, fails only bad items', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ key: fc.constantFrom('a', 'b', 'c', 'd', 'e'), bad: fc.boolean() }), {
          maxLength: 40,
        }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 2, max: 6 }),
        async (specs, maxInFlight, maxBatch) => {
          const items = specs.map((s, id) => ({ id, key: s.key, bad: s.bad && id % 5 === 0 }))
          const { batcher, log } = recorded(maxInFlight, maxBatch)
          const results = await Promise.allSettled(items.map((i) => batcher.submit(i)))
          results.forEach((r, n) => {
            const item = items[n]!
            if (item.bad) expect(r.status).toBe('rejected')
            else expect(r.status === 'fulfilled' && r.value.endsWith(`:${item.id}`)).toBe(true)
          })
          expect(log.peak).toBeLessThanOrEqual(maxInFlight)
          for (const batch of log.batches) {
            expect(batch.length).toBeGreaterThan(1)
            expect(batch.length).toBeLessThanOrEqual(maxBatch)
            expect(new Set(batch.map((i) => i.key)).size).toBe(batch.length)
          }
        },
      ),
      { numRuns: 60 },
    )
  })

  it('tells the observer every batch: its items, their wait for a slot and the statement time', async () => {
    const seen: BatchObservation[] = []
    const slow = (ms: number) => new Promise((r) => setTimeout(r, ms))
    const batcher = new GroupBatcher<number, number>({
      run: async (items) => {
        await slow(30)
        return [...items]
      },
      runOne: async (item) => {
        await slow(30)
        return item
      },
      maxInFlight: 1,
      observe: (batch) => seen.push(batch),
    })
    // 0 goes at once; 1–3 wait for its ~30 ms statement, then go together.
    const answers = await Promise.all([0, 1, 2, 3].map((n) => batcher.submit(n)))
    expect(answers).toEqual([0, 1, 2, 3])
    expect(seen.map((b) => b.items)).toEqual([1, 3])
    expect(seen[0]!.waitedMs).toBeLessThan(5)
    expect(seen[1]!.waitedMs).toBeGreaterThanOrEqual(3 * 25)
    for (const b of seen) expect(b.runMs).toBeGreaterThanOrEqual(25)
  })
})

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ChunkResults } from '../../api/src/replays/chunk-results.js'
import { asReplayDb } from '../../api/src/replays/replay.tables.js'
import {
  decodeSegment,
  fromCompact,
  insertChunkResults,
  listAllOrders,
  type ReplayOrderResult,
  SAME,
  type SegmentCursor,
  toCompact,
} from '../../api/src/replays/replay-orders.repository.js'
import { useHarness } from '../support/harness.js'

const h = useHarness()

const result = (chunk: number, i: number): ReplayOrderResult => ({
  order_id: `c${chunk}-o${i}`,
  created_at: new Date(Date.UTC(2026, 0, 1) + chunk * 1e8 + i * 1000).toISOString(),
  label: i % 3 === 0 ? 'fraud' : null,
  changed: i % 2 === 0,
  stored_facts: false,
  baseline_outcome: 'approve',
  baseline_score: i,
  baseline_rules: i % 3 === 1 ? ['r'] : i % 3 === 2 ? ['q', 'r'] : [],
  baseline_errors: null,
  candidate_outcome: i % 2 === 0 ? 'review' : 'approve',
  candidate_score: i + 1,
  candidate_rules: i % 3 === 2 ? ['r', 'q'] : ['r'],
  candidate_errors: null,
})

let replaySeq = 0

describe('replay result segments', () => {
  it('pages through every order newest first, whatever the segment and page sizes', async () => {
    const db = asReplayDb(h.db)
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 10 }),
        async (chunkSizes, segmentSize, limit) => {
          const key = { clientId: 'seg-client', replayId: `rpl_seg_${replaySeq++}` }
          const all: ReplayOrderResult[] = []
          for (const [chunkNo, size] of chunkSizes.entries()) {
            const rows = Array.from({ length: size }, (_, i) => result(chunkNo, i))
            await insertChunkResults(db, { ...key, chunkNo }, rows, segmentSize)
            all.push(...rows)
          }
          const listed: ReplayOrderResult[] = []
          let cursor: SegmentCursor | null = null
          for (let pages = 0; pages < 100; pages++) {
            const page = await listAllOrders(db, key, cursor, limit)
            expect(page.rows.length).toBeLessThanOrEqual(limit)
            listed.push(...page.rows)
            if (!page.next) break
            cursor = page.next
          }
          // every field comes back, rule lists stored as "same as baseline" included
          expect(listed).toEqual(all.reverse())
        },
      ),
      { numRuns: 25 },
    )
  })
})

describe('segment text', () => {
  it('names each rule once per segment and reads back segments of both formats', () => {
    const rows = [result(0, 1), result(0, 2), result(0, 4), result(0, 5)]
    const full = new ChunkResults(rows.length)
    for (const row of rows) full.add(toCompact(row))
    const [text] = full.segments
    expect(JSON.parse(text!).rules.sort()).toEqual(['q', 'r'])
    expect(decodeSegment(text!).map(fromCompact)).toEqual(rows)
    // written before the dictionary: a plain array of compact orders
    expect(decodeSegment(JSON.stringify(rows.map(toCompact))).map(fromCompact)).toEqual(rows)
  })
})

describe('compact replay orders', () => {
  it('store the candidate rules as SAME exactly when they equal the baseline rules, in order', () => {
    const row = result(0, 1)
    expect(toCompact(row)[10]).toBe(SAME)
    expect(fromCompact(toCompact(row))).toEqual(row)
    const reordered = result(0, 2)
    expect(toCompact(reordered)[10]).toEqual(['r', 'q'])
    expect(fromCompact(toCompact(reordered))).toEqual(reordered)
  })
})

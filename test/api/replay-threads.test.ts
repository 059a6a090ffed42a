import { availableParallelism } from 'node:os'
import { describe, expect, it } from 'vitest'
import { replayThreads } from '../../api/src/replays/replay-worker.js'

describe('replayThreads', () => {
  it('defaults to one thread per core', () => {
    expect(replayThreads({})).toBe(availableParallelism())
  })

  it('takes REPLAY_THREADS as given, 0 included (chunks on the main thread), and 1 for nonsense', () => {
    expect(replayThreads({ REPLAY_THREADS: '5' })).toBe(5)
    expect(replayThreads({ REPLAY_THREADS: '0' })).toBe(0)
    expect(replayThreads({ REPLAY_THREADS: 'many' })).toBe(1)
    expect(replayThreads({ REPLAY_THREADS: '-2' })).toBe(1)
  })
})

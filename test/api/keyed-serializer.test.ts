import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { KeyedSerializer } from '../../api/src/lib/keyed-serializer.js'

const tick = () => new Promise<void>((resolve) => setImmediate(resolve))

describe('KeyedSerializer', () => {
  it('never overlaps two tasks that share a key, runs them in arrival order, and forgets every key', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            keys: fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd'), { maxLength: 3 }),
            ticks: fc.nat({ max: 3 }),
            fails: fc.boolean(),
          }),
          { minLength: 1, maxLength: 12 },
        ),
        async (tasks) => {
          const serializer = new KeyedSerializer()
          const running = new Map<string, number>()
          const started: number[] = []
          const runs = tasks.map((task, index) =>
            serializer
              .run(task.keys, async () => {
                for (const key of task.keys) {
                  expect(running.has(key)).toBe(false)
                  running.set(key, index)
                }
                started.push(index)
                for (let t = 0; t < task.ticks; t++) await tick()
                for (const key of task.keys) running.delete(key)
                if (task.fails) throw new Error(`task ${index}`)
                return index
              })
              .then(
                (value) => ({ ok: value }),
                (error: Error) => ({ failed: error.message }),
              ),
          )
          const results = await Promise.all(runs)
          results.forEach((result, index) => {
            expect(result).toEqual(tasks[index]!.fails ? { failed: `task ${index}` } : { ok: index })
          })
          // Of any two tasks with a key in common, the one that arrived first started first.
          for (let i = 0; i < tasks.length; i++)
            for (let j = i + 1; j < tasks.length; j++)
              if (tasks[i]!.keys.some((key) => tasks[j]!.keys.includes(key)))
                expect(started.indexOf(i)).toBeLessThan(started.indexOf(j))
          expect(serializer.size).toBe(0)
        },
      ),
      { numRuns: 300 },
    )
  })

  it('runs tasks without a common key at once', async () => {
    const serializer = new KeyedSerializer()
    let release!: () => void
    const blocked = serializer.run(['a'], () => new Promise<void>((resolve) => (release = resolve)))
    let ranOther = false
    await serializer.run(['b'], async () => {
      ranOther = true
    })
    expect(ranOther).toBe(true)
    release()
    await blocked
  })
})

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compilePolicy } from '../../../engine/src/evaluate/compile-policy.js'
import { evaluateOrder } from '../../../engine/src/evaluate/evaluate-order.js'
import { loadClients } from './support/samples.js'

const clients = (await loadClients()).map((c) => ({ ...c, compiled: compilePolicy(c.policy) }))
const jobs = clients.flatMap((c) =>
  c.samples.flatMap((s) =>
    [false, true].map((trace) => ({ key: `${c.client}/${s.name}/${trace}`, c, s, trace })),
  ),
)
const run = (job: (typeof jobs)[number]) =>
  evaluateOrder(job.c.compiled, job.s.order, job.s.data, { trace: job.trace }).result
const sequential = new Map(jobs.map((job) => [job.key, run(job)]))

describe('concurrent evaluations', () => {
  it('match the example decisions when run one after another', () => {
    for (const job of jobs) {
      const result = sequential.get(job.key)!
      expect([job.key, result.outcome, result.score]).toEqual([
        job.key,
        job.s.expected.outcome,
        job.s.expected.score,
      ])
    }
  })

  it('give identical results to sequential ones whatever the interleaving (shared compiled policies)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), fc.shuffledSubarray(jobs, { minLength: 10 }), async (s, picked) => {
        const results = picked.map((job) =>
          s.schedule(Promise.resolve(job.key)).then(async () => {
            await s.schedule(Promise.resolve())
            return [job.key, run(job)] as const
          }),
        )
        await s.waitAll()
        for (const [key, result] of await Promise.all(results)) expect(result).toEqual(sequential.get(key))
      }),
      { numRuns: 30 },
    )
  })

  it('give identical results when thousands are in flight at once', async () => {
    const many = Array.from({ length: 20 }, () => jobs).flat()
    const results = await Promise.all(
      many.map(async (job) => [job.key, await Promise.resolve().then(() => run(job))] as const),
    )
    for (const [key, result] of results) expect(result).toEqual(sequential.get(key))
  })
})

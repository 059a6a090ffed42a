import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  formatMachine,
  machineStats,
  type ProbeSample,
  startMachineProbe,
} from '../../bench/support/machine-probe.js'

// bench:api's same-run view of the machine: disk flush times and scheduling delays during a phase.
describe('machine probe', () => {
  it('summarises only the samples of the window', () => {
    const samples: ProbeSample[] = [
      { kind: 'fsync', at: 5, ms: 900 }, // before the window
      ...[0.2, 0.3, 0.25, 12, 0.4].map((ms, i) => ({ kind: 'fsync' as const, at: 10 + i, ms })),
      ...[0.01, 7, 0.02, 5].map((ms, i) => ({ kind: 'oversleep' as const, at: 10 + i, ms })),
      { kind: 'oversleep', at: 100, ms: 400 }, // after it
    ]
    const s = machineStats(samples, 10, 20)
    expect(s).toEqual({
      fsyncs: 5,
      fsyncP50Ms: 0.3,
      fsyncP99Ms: 12,
      fsyncMaxMs: 12,
      fsyncsOver10Ms: 1,
      sleeps: 4,
      oversleepMaxMs: 7,
      oversleepsOver5Ms: 1,
    })
    expect(formatMachine(s)).toBe(
      'disk fdatasync p50 0.30 / p99 12.00 / max 12.00 ms (1 of 5 over 10 ms); a 1 ms sleep woke up to 7.00 ms late (1 of 4 over 5 ms)',
    )
  })

  it('summarises a long window (200,000 sleeps, ~3 minutes of probing)', () => {
    const samples: ProbeSample[] = Array.from({ length: 200_000 }, (_, i) => ({
      kind: 'oversleep' as const,
      at: i,
      ms: i === 123_456 ? 42 : 0.01,
    }))
    const s = machineStats(samples, 0, 200_000)
    expect(s.sleeps).toBe(200_000)
    expect(s.oversleepMaxMs).toBe(42)
    expect(s.oversleepsOver5Ms).toBe(1)
  })

  it('says so when a window holds no sample', () => {
    const s = machineStats([], 0, 1)
    expect(s.fsyncs).toBe(0)
    expect(s.fsyncMaxMs).toBeNaN()
    expect(s.oversleepMaxMs).toBeNaN()
  })

  it('measures this machine from a thread and removes its file when stopped', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'probe-test-'))
    try {
      const from = Date.now()
      const probe = await startMachineProbe(dir, 5)
      await new Promise((resolve) => setTimeout(resolve, 400))
      await probe.stop()
      const s = probe.stats(from, Date.now())
      expect(s.fsyncs).toBeGreaterThan(5)
      expect(s.sleeps).toBeGreaterThan(s.fsyncs)
      expect(s.fsyncP50Ms).toBeGreaterThan(0)
      expect(s.oversleepMaxMs).toBeGreaterThanOrEqual(0)
      expect(readdirSync(dir)).toEqual([])
    } finally {
      if (existsSync(dir)) rmSync(dir, { recursive: true, force: true })
    }
  })
})

// What the machine itself did during a load phase, measured in the same run: a stalled disk or a
// starved core makes every server on it late, ours and the naive handler alike, and these 2-core
// VMs have both (docs/performance.md, session 11). A thread of the bench process (so it shares the
// cores like any other process) sleeps 1 ms at a time and notes how late it woke (CPU scheduling),
// and every 20 ms writes 8 KB to a file and waits for fdatasync (what each commit of PostgreSQL waits
// for, when the file is on the same disk as its WAL).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import { percentile } from './load.js'

export interface ProbeSample {
  kind: 'oversleep' | 'fsync'
  /** Wall-clock ms when the sample ended. */
  at: number
  ms: number
}

export interface MachineStats {
  fsyncs: number
  fsyncP50Ms: number
  fsyncP99Ms: number
  fsyncMaxMs: number
  /** fdatasync calls over 10 ms: each one held every commit behind it that long. */
  fsyncsOver10Ms: number
  sleeps: number
  /** How late a 1 ms sleep woke at worst, and how often more than 5 ms late. */
  oversleepMaxMs: number
  oversleepsOver5Ms: number
}

/** The samples that ended within [from, to] (wall-clock ms), summarised. */
export function machineStats(samples: readonly ProbeSample[], from: number, to: number): MachineStats {
  const within = samples.filter((s) => s.at >= from && s.at <= to)
  const fsync = within
    .filter((s) => s.kind === 'fsync')
    .map((s) => s.ms)
    .sort((a, b) => a - b)
  const late = within.filter((s) => s.kind === 'oversleep').map((s) => s.ms)
  return {
    fsyncs: fsync.length,
    fsyncP50Ms: percentile(fsync, 0.5),
    fsyncP99Ms: percentile(fsync, 0.99),
    fsyncMaxMs: fsync.at(-1) ?? Number.NaN,
    fsyncsOver10Ms: fsync.filter((ms) => ms > 10).length,
    sleeps: late.length,
    // reduce, not Math.max(...late): a long phase has tens of thousands of samples
    oversleepMaxMs: late.length ? late.reduce((max, ms) => Math.max(max, ms)) : Number.NaN,
    oversleepsOver5Ms: late.filter((ms) => ms > 5).length,
  }
}

export function formatMachine(s: MachineStats): string {
  const f = (x: number) => x.toFixed(2)
  return `disk fdatasync p50 ${f(s.fsyncP50Ms)} / p99 ${f(s.fsyncP99Ms)} / max ${f(s.fsyncMaxMs)} ms (${s.fsyncsOver10Ms} of ${s.fsyncs} over 10 ms); a 1 ms sleep woke up to ${f(s.oversleepMaxMs)} ms late (${s.oversleepsOver5Ms} of ${s.sleeps} over 5 ms)`
}

export interface MachineProbe {
  /** Summary of what the probe saw between two wall-clock instants (Date.now()). */
  stats(from: number, to: number): MachineStats
  stop(): Promise<void>
}

/** Starts the probe; its file goes in a fresh directory under `dir` (default: the OS temp dir). */
export async function startMachineProbe(dir = tmpdir(), fsyncEveryMs = 20): Promise<MachineProbe> {
  const home = mkdtempSync(join(dir, 'verdict-probe-'))
  const stop = new SharedArrayBuffer(4)
  const samples: ProbeSample[] = []
  const worker = new Worker(new URL('./machine-probe-entry.mjs', import.meta.url), {
    workerData: { file: join(home, 'probe'), fsyncEveryMs, stop },
  })
  let started!: () => void
  const firstBatch = new Promise<void>((resolve) => {
    started = resolve
  })
  const stopped = new Promise<void>((resolve, reject) => {
    worker.on('message', (message: number[] | 'stopped') => {
      if (message === 'stopped') return resolve()
      for (let i = 0; i < message.length; i += 3) {
        samples.push({
          kind: message[i] === 1 ? 'fsync' : 'oversleep',
          at: message[i + 1]!,
          ms: message[i + 2]!,
        })
      }
      started()
    })
    worker.on('error', reject)
    worker.on('exit', () => resolve())
  })
  await Promise.race([
    firstBatch,
    stopped.then(() => {
      throw new Error('the machine probe stopped before its first sample')
    }),
  ])
  return {
    stats: (from, to) => machineStats(samples, from, to),
    async stop() {
      Atomics.store(new Int32Array(stop), 0, 1)
      await stopped
      await worker.terminate()
      rmSync(home, { recursive: true, force: true })
    },
  }
}

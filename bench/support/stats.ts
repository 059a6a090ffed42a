export interface Timing {
  label: string
  count: number
  /** Evaluations per second over the whole pass (wall clock). */
  perSecond: number
  meanUs: number
  p99Us: number
}

const now = () => process.hrtime.bigint()

/** Mean and 99th percentile of per-call durations (ns) in µs. */
export function latency(samplesNs: Float64Array): { meanUs: number; p99Us: number } {
  const sorted = Float64Array.from(samplesNs).sort()
  const mean = sorted.reduce((s, x) => s + x, 0) / sorted.length
  const p99 = sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))]!
  return { meanUs: mean / 1000, p99Us: p99 / 1000 }
}

/**
 * Times a synchronous function over `count` inputs: one pass for throughput (no per-call clock
 * reads), one pass with a clock read around every call for mean/p99.
 */
export function timeSync(label: string, count: number, fn: (i: number) => unknown): Timing {
  let sink = 0
  const start = now()
  for (let i = 0; i < count; i++) if (fn(i)) sink++
  const totalNs = Number(now() - start)
  const samples = new Float64Array(count)
  for (let i = 0; i < count; i++) {
    const t = now()
    if (fn(i)) sink++
    samples[i] = Number(now() - t)
  }
  if (sink < 0) console.log(sink)
  return { label, count, perSecond: count / (totalNs / 1e9), ...latency(samples) }
}

/** Times an async function over `count` inputs with `inFlight` runs overlapping. */
export async function timeAsync(
  label: string,
  count: number,
  inFlight: number,
  fn: (i: number) => Promise<unknown>,
): Promise<Timing> {
  const samples = new Float64Array(count)
  let next = 0
  const worker = async () => {
    while (next < count) {
      const i = next++
      const t = now()
      await fn(i)
      samples[i] = Number(now() - t)
    }
  }
  const start = now()
  await Promise.all(Array.from({ length: inFlight }, worker))
  const totalNs = Number(now() - start)
  return { label, count, perSecond: count / (totalNs / 1e9), ...latency(samples) }
}

export function formatTiming(t: Timing): string {
  const n = (x: number, d = 1) =>
    x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d })
  return `${t.label.padEnd(44)} ${String(t.count).padStart(7)}  ${n(t.perSecond, 0).padStart(11)} /s  mean ${n(t.meanUs, 2).padStart(9)} µs  p99 ${n(t.p99Us, 2).padStart(9)} µs`
}

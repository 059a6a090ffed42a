/** Requests slower than a limit, grouped into the bursts they came in (open loop, in send order). */
export interface SlowBursts {
  /** Requests slower than the limit. */
  slow: number
  /** Groups of slow requests, each no more than `gap` requests after the previous slow one. */
  bursts: number
  /** The largest burst: its slow requests and the time from its first request's due time to its last's. */
  largest: { slow: number; spanMs: number } | null
  /** Slow requests in bursts of at most 9 (what a 4–7 ms scavenge pause makes at 500/s). */
  inSmallBursts: number
}

/**
 * Whether a tail is a few long stalls or many short pauses decides what can shorten it: a 40 ms stall
 * of the whole machine makes ~20 consecutive requests late at 500/s, a 5 ms collection in the API a
 * handful. `latencies[i]` is request i's latency, requests due every `intervalMs`.
 */
export function slowBursts(
  latencies: ArrayLike<number>,
  intervalMs: number,
  limitMs = 10,
  gap = 5,
): SlowBursts {
  const bursts: { first: number; last: number; slow: number }[] = []
  for (let i = 0; i < latencies.length; i++) {
    if (!((latencies[i] ?? 0) > limitMs)) continue
    const current = bursts.at(-1)
    if (current && i - current.last <= gap) {
      current.last = i
      current.slow++
    } else bursts.push({ first: i, last: i, slow: 1 })
  }
  const largest = bursts.reduce<(typeof bursts)[number] | null>(
    (max, b) => (max === null || b.slow > max.slow ? b : max),
    null,
  )
  return {
    slow: bursts.reduce((n, b) => n + b.slow, 0),
    bursts: bursts.length,
    largest: largest && { slow: largest.slow, spanMs: (largest.last - largest.first) * intervalMs },
    inSmallBursts: bursts.filter((b) => b.slow <= 9).reduce((n, b) => n + b.slow, 0),
  }
}

export function formatSlowBursts(s: SlowBursts, limitMs = 10): string {
  if (s.slow === 0) return `no request over ${limitMs} ms`
  const largest = s.largest ? `; largest ${s.largest.slow} within ${s.largest.spanMs.toFixed(0)} ms` : ''
  return `${s.slow} requests over ${limitMs} ms in ${s.bursts} bursts (${s.inSmallBursts} in bursts of ≤ 9)${largest}`
}

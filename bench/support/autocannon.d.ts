// autocannon ships no types; the bench uses a small part of its API.
declare module 'autocannon' {
  interface Result {
    requests: { total: number }
    latency: { p50: number; p99: number; average: number }
    non2xx: number
    errors: number
    timeouts: number
    statusCodeStats?: Record<string, { count: number }>
  }
  /** Awaitable, and an EventEmitter of per-request events ('response', …). */
  type Instance = Promise<Result> & { on(event: 'response', listener: () => void): unknown }
  function autocannon(options: Record<string, unknown>): Instance
  export default autocannon
}

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
  function autocannon(options: Record<string, unknown>): Promise<Result>
  export default autocannon
}

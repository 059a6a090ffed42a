/**
 * The connection string chunk runners use: the same server, with parallel query off for the session
 * (postgres.js sends URL parameters it does not know as startup settings).
 *
 * A chunk reads its orders in pages of ~2,000 (an ordered index range with LIMIT). For such pages the
 * planner picks a Gather Merge with 2 parallel workers: each page then starts two background
 * processes and ships every ~1 KB row through shared memory. Measured on the bench data: 36.8 ms per
 * page with it, 16.8 ms without, and the parallel plan burns three processes' CPU on a machine whose
 * cores the chunk threads already keep busy.
 */
export function replayReaderUrl(url: string): string {
  const u = new URL(url)
  u.searchParams.set('max_parallel_workers_per_gather', '0')
  return u.toString()
}

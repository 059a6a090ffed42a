// What the API itself saw during a load phase, from its Prometheus endpoint (scraped before and
// after): GC pauses by kind (prom-client default metrics) and the server-side latency of evaluate,
// to tell time spent in the API from time spent in the load generator or the network.

export type Scrape = Map<string, number>

/** Every sample line of GET /metrics as `name{labels}` → value. */
export async function scrapeMetrics(baseUrl: string): Promise<Scrape> {
  return parseMetrics(await (await fetch(`${baseUrl}/metrics`)).text())
}

/** Prometheus text exposition → `name{labels}` → value. */
export function parseMetrics(text: string): Scrape {
  const out: Scrape = new Map()
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue
    const at = line.lastIndexOf(' ')
    out.set(line.slice(0, at), Number(line.slice(at + 1)))
  }
  return out
}

export interface ApiSideStats {
  /** GC pauses in the API process during the phase, by kind (minor = scavenge, major = mark-compact). */
  gc: { kind: string; count: number; totalMs: number }[]
  /** Evaluate requests answered during the phase, and the share the API answered within 10 ms. */
  evaluated: number
  serverWithin10ms: number
}

const EVALUATE = ['method="POST"', 'route="/v1/clients/:clientId/orders/evaluate"']

/** Sum of the samples named `name` whose labels include every fragment (label order is not fixed). */
function sum(scrape: Scrape, name: string, fragments: string[]): number {
  let total = 0
  for (const [key, value] of scrape) {
    const brace = key.indexOf('{')
    if ((brace < 0 ? key : key.slice(0, brace)) === name && fragments.every((f) => key.includes(f)))
      total += value
  }
  return total
}

export function apiSideStats(before: Scrape, after: Scrape): ApiSideStats {
  const delta = (name: string, fragments: string[]) =>
    sum(after, name, fragments) - sum(before, name, fragments)
  const gc = ['minor', 'major', 'incremental', 'weakcb']
    .map((kind) => ({
      kind,
      count: delta('verdict_nodejs_gc_duration_seconds_count', [`kind="${kind}"`]),
      totalMs: delta('verdict_nodejs_gc_duration_seconds_sum', [`kind="${kind}"`]) * 1000,
    }))
    .filter((g) => g.count > 0)
  const evaluated = delta('verdict_http_request_duration_seconds_count', EVALUATE)
  const within = delta('verdict_http_request_duration_seconds_bucket', ['le="0.01"', ...EVALUATE])
  return { gc, evaluated, serverWithin10ms: evaluated > 0 ? within / evaluated : Number.NaN }
}

export function formatApiSide(s: ApiSideStats): string {
  const gc = s.gc.map((g) => `${g.count} ${g.kind} (${g.totalMs.toFixed(0)} ms)`).join(', ')
  return `API side: ${(s.serverWithin10ms * 100).toFixed(2)} % of ${s.evaluated} evaluations answered within 10 ms; GC ${gc || 'none'}`
}

/** What one hot-path statement's batches did during a phase (the API's verdict_db_batch_* metrics). */
export interface BatchPhaseStats {
  statement: string
  batches: number
  items: number
  /** Mean wall time of one statement, ms. */
  meanBatchMs: number
  /** Mean number of requests waiting for a free slot / inside a statement (Little's law). */
  waiting: number
  running: number
}

/**
 * Where the requests in flight were during a phase of `seconds`: per statement, the seconds
 * requests spent waiting for and inside it, divided by the phase's length.
 */
export function batchStats(before: Scrape, after: Scrape, seconds: number): BatchPhaseStats[] {
  const delta = (name: string, fragments: string[]) =>
    sum(after, name, fragments) - sum(before, name, fragments)
  return ['evaluate_read', 'evaluate_write']
    .map((statement) => {
      const s = `statement="${statement}"`
      const batches = delta('verdict_db_batch_size_count', [s])
      return {
        statement,
        batches,
        items: delta('verdict_db_batch_size_sum', [s]),
        meanBatchMs: (delta('verdict_db_batch_duration_seconds_sum', [s]) * 1000) / batches,
        waiting: delta('verdict_db_batch_item_seconds_total', [s, 'phase="wait"']) / seconds,
        running: delta('verdict_db_batch_item_seconds_total', [s, 'phase="run"']) / seconds,
      }
    })
    .filter((b) => b.batches > 0)
}

export function formatBatches(stats: BatchPhaseStats[]): string {
  if (stats.length === 0) return 'no batched statements'
  return stats
    .map(
      (b) =>
        `${b.statement.replace('evaluate_', '')} ${(b.items / b.batches).toFixed(1)} orders/statement, ${b.meanBatchMs.toFixed(2)} ms each; requests waiting ${b.waiting.toFixed(1)}, inside ${b.running.toFixed(1)}`,
    )
    .join(' | ')
}

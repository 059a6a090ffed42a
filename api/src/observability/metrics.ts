import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client'
import type { BatchObservation } from '../db/group-batcher.js'

/**
 * Prometheus metrics. One process-wide instance (`metrics`) because prom-client metric names are
 * unique per registry and every app instance in a process reports to the same scrape endpoint;
 * `createMetrics()` exists for tests that want an isolated registry.
 */
export interface Metrics {
  readonly registry: Registry
  /** Called by the request-logging middleware once per answered request. */
  recordRequest(method: string, route: string, status: number, durationMs: number): void
  /** Called by the evaluate service once per stored decision. */
  recordDecision(outcome: string, evalMs: number): void
  /** Called by the evaluate hot path's batchers (group commit) once per batch of `statement`. */
  recordBatch(statement: string, batch: BatchObservation): void
  /** Prometheus text exposition of every metric. */
  render(): Promise<string>
  readonly contentType: string
}

// Buckets in seconds: the hot path targets p99 ≤ 10 ms, so resolution is finest below 25 ms.
const HTTP_BUCKETS = [0.001, 0.0025, 0.005, 0.0075, 0.01, 0.015, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5]
const EVAL_BUCKETS = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1]
const BATCH_SIZE_BUCKETS = [1, 2, 4, 8, 16, 32, 64]
const BATCH_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1]

export function createMetrics(options: { defaultMetrics?: boolean } = {}): Metrics {
  const registry = new Registry()
  if (options.defaultMetrics) collectDefaultMetrics({ register: registry, prefix: 'verdict_' })

  const requests = new Counter({
    name: 'verdict_http_requests_total',
    help: 'HTTP requests answered, by method, route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  })
  const latency = new Histogram({
    name: 'verdict_http_request_duration_seconds',
    help: 'HTTP request latency by method and route template',
    labelNames: ['method', 'route'] as const,
    buckets: HTTP_BUCKETS,
    registers: [registry],
  })
  const decisions = new Counter({
    name: 'verdict_decisions_total',
    help: 'Decisions stored, by outcome',
    labelNames: ['outcome'] as const,
    registers: [registry],
  })
  const evaluation = new Histogram({
    name: 'verdict_evaluation_duration_seconds',
    help: 'Time to evaluate one order (facts + rules), excluding I/O',
    buckets: EVAL_BUCKETS,
    registers: [registry],
  })

  // Group commit (api/src/db/group-batcher.ts): how full the batches are, how long a statement
  // takes, and the seconds requests spend waiting for a slot and inside a statement. Over an
  // interval, those seconds divided by its length are the mean number of requests in each phase
  // (Little's law): where the requests in flight are.
  const batchSize = new Histogram({
    name: 'verdict_db_batch_size',
    help: 'Orders per hot-path statement, by statement',
    labelNames: ['statement'] as const,
    buckets: BATCH_SIZE_BUCKETS,
    registers: [registry],
  })
  const batchDuration = new Histogram({
    name: 'verdict_db_batch_duration_seconds',
    help: 'Hot-path statement time, from sending it until its answer is handled, by statement',
    labelNames: ['statement'] as const,
    buckets: BATCH_BUCKETS,
    registers: [registry],
  })
  const batchItemSeconds = new Counter({
    name: 'verdict_db_batch_item_seconds_total',
    help: 'Seconds requests spent waiting for a statement slot (phase="wait") or inside a statement (phase="run"), by statement',
    labelNames: ['statement', 'phase'] as const,
    registers: [registry],
  })

  return {
    registry,
    contentType: registry.contentType,
    recordRequest(method, route, status, durationMs) {
      requests.inc({ method, route, status: String(status) })
      latency.observe({ method, route }, durationMs / 1000)
    },
    recordDecision(outcome, evalMs) {
      decisions.inc({ outcome })
      evaluation.observe(evalMs / 1000)
    },
    recordBatch(statement, batch) {
      batchSize.observe({ statement }, batch.items)
      batchDuration.observe({ statement }, batch.runMs / 1000)
      batchItemSeconds.inc({ statement, phase: 'wait' }, batch.waitedMs / 1000)
      batchItemSeconds.inc({ statement, phase: 'run' }, (batch.runMs * batch.items) / 1000)
    },
    render: () => registry.metrics(),
  }
}

export const metrics: Metrics = createMetrics({ defaultMetrics: true })

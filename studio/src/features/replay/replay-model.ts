import type { HistogramBucket, LabelMetrics, Outcome, OutcomeCounts, ReplaySummary } from '@verdict/engine'

export const OUTCOMES: readonly Outcome[] = ['approve', 'review', 'hold', 'decline']

// The summary's wire shape is the engine's own type (api.md "The replay"), not a copy of it.
export type Counts = OutcomeCounts
export type ReplaySummaryView = ReplaySummary
export type Bucket = HistogramBucket
export type Metrics = LabelMetrics

export interface ReplayView {
  replayId: string
  status: 'queued' | 'running' | 'done' | 'failed' | 'cancelled'
  processed: number
  total: number
  error: string | null
  summary: ReplaySummaryView | null
}

/** Tolerant adapter: the API may add fields; missing numbers read as 0. */
export function adaptReplay(body: unknown): ReplayView {
  const b = (body ?? {}) as Record<string, unknown>
  return {
    replayId: String(b.replayId ?? ''),
    status: (b.status as ReplayView['status']) ?? 'queued',
    processed: Number(b.processed ?? 0),
    total: Number(b.total ?? 0),
    error: typeof b.error === 'string' ? b.error : null,
    summary: (b.summary as ReplaySummaryView | null) ?? null,
  }
}

export function progressPercent(r: Pick<ReplayView, 'processed' | 'total' | 'status'>): number {
  if (r.status === 'done') return 100
  return r.total === 0 ? 0 : Math.min(100, Math.floor((r.processed / r.total) * 100))
}

/** 4×4 matrix of counts, rows = baseline outcome, columns = candidate outcome. */
export function transitionMatrix(s: Pick<ReplaySummaryView, 'transitions'>): number[][] {
  const m = OUTCOMES.map(() => OUTCOMES.map(() => 0))
  for (const t of s.transitions) m[OUTCOMES.indexOf(t.from)]![OUTCOMES.indexOf(t.to)] = t.count
  return m
}

/** Heat (0–1) of a cell: share of the largest off-diagonal count (the diagonal is "unchanged"). */
export function heat(matrix: number[][], row: number, col: number): number {
  let max = 0
  matrix.forEach((r, i) => {
    r.forEach((n, j) => {
      if (i !== j && n > max) max = n
    })
  })
  return row === col || max === 0 ? 0 : (matrix[row]![col] ?? 0) / max
}

/** Rules with their hit delta, biggest absolute change first, unchanged rules last. */
export function ruleDeltas(s: Pick<ReplaySummaryView, 'rules'>) {
  return s.rules
    .map((r) => ({ ...r, delta: r.candidateHits - r.baselineHits }))
    .sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta) || a.ruleId.localeCompare(b.ruleId))
}

/** Both histograms on one set of buckets (so bars line up), ascending. */
export function alignHistograms(s: Pick<ReplaySummaryView, 'scores'>) {
  const froms = [...new Set([...s.scores.baseline, ...s.scores.candidate].map((b) => b.from))].sort(
    (a, b) => a - b,
  )
  const count = (list: Bucket[], from: number) => list.find((b) => b.from === from)?.count ?? 0
  return froms.map((from) => ({
    from,
    to: from + 10,
    baseline: count(s.scores.baseline, from),
    candidate: count(s.scores.candidate, from),
  }))
}

export function percent(n: number, total: number): string {
  return total === 0 ? '—' : `${((n / total) * 100).toFixed(1)}%`
}

export function metric(x: number | null): string {
  return x === null ? '—' : x.toFixed(3)
}

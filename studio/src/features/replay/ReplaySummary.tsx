import {
  alignHistograms,
  heat,
  metric,
  OUTCOMES,
  percent,
  type ReplaySummaryView,
  ruleDeltas,
  transitionMatrix,
} from './replay-model.js'

function OutcomeBars({ s }: { s: ReplaySummaryView }) {
  const max = Math.max(1, ...OUTCOMES.flatMap((o) => [s.baseline.outcomes[o], s.candidate.outcomes[o]]))
  return (
    <section className="replay-card" data-testid="outcome-bars">
      <h3>Outcomes</h3>
      {OUTCOMES.map((o) => (
        <div key={o} className="bar-row">
          <span className={`badge badge-outcome-${o}`}>{o}</span>
          <div className="bars">
            {(['baseline', 'candidate'] as const).map((side) => (
              <div
                key={side}
                className={`bar bar-${side}`}
                style={{ width: `${(s[side].outcomes[o] / max) * 100}%` }}
              >
                <span>
                  {s[side].outcomes[o].toLocaleString()} ({percent(s[side].outcomes[o], s.total)})
                </span>
              </div>
            ))}
          </div>
        </div>
      ))}
      <p className="muted small">
        <span className="key key-baseline" /> baseline v{s.baseline.version} ·{' '}
        <span className="key key-candidate" /> candidate{' '}
        {s.candidate.version === null ? '(draft)' : `v${s.candidate.version}`}
      </p>
    </section>
  )
}

function TransitionTable({ s }: { s: ReplaySummaryView }) {
  const m = transitionMatrix(s)
  return (
    <section className="replay-card" data-testid="transition-matrix">
      <h3>Transitions ({s.changedOrders.toLocaleString()} orders change)</h3>
      <table className="table heatmap">
        <thead>
          <tr>
            <th>baseline ↓ / candidate →</th>
            {OUTCOMES.map((o) => (
              <th key={o}>{o}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {OUTCOMES.map((from, i) => (
            <tr key={from}>
              <th>{from}</th>
              {OUTCOMES.map((to, j) => (
                <td
                  key={to}
                  className={i === j ? 'diag' : ''}
                  style={{ background: i === j ? undefined : `rgba(196, 50, 10, ${heat(m, i, j) * 0.6})` }}
                  data-testid={`cell-${from}-${to}`}
                >
                  {m[i]![j]!.toLocaleString()}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}

function RuleDeltas({ s }: { s: ReplaySummaryView }) {
  return (
    <section className="replay-card">
      <h3>Rule hits</h3>
      <table className="table">
        <thead>
          <tr>
            <th>rule</th>
            <th>baseline</th>
            <th>candidate</th>
            <th>Δ</th>
          </tr>
        </thead>
        <tbody>
          {ruleDeltas(s).map((r) => (
            <tr key={r.ruleId}>
              <td>
                <code>{r.ruleId}</code>
              </td>
              <td>{r.baselineHits.toLocaleString()}</td>
              <td>{r.candidateHits.toLocaleString()}</td>
              <td className={r.delta > 0 ? 'delta-up' : r.delta < 0 ? 'delta-down' : 'muted'}>
                {r.delta > 0 ? '+' : ''}
                {r.delta.toLocaleString()}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}

function ScoreHistograms({ s }: { s: ReplaySummaryView }) {
  const rows = alignHistograms(s)
  const max = Math.max(1, ...rows.flatMap((r) => [r.baseline, r.candidate]))
  return (
    <section className="replay-card">
      <h3>Score distribution</h3>
      <div className="histogram">
        {rows.map((r) => (
          <div
            key={r.from}
            className="hist-col"
            title={`[${r.from}, ${r.to}): ${r.baseline} → ${r.candidate}`}
          >
            <div className="hist-bars">
              <div className="bar-baseline" style={{ height: `${(r.baseline / max) * 100}%` }} />
              <div className="bar-candidate" style={{ height: `${(r.candidate / max) * 100}%` }} />
            </div>
            <span className="small muted">{r.from}</span>
          </div>
        ))}
      </div>
    </section>
  )
}

function LabelMetrics({ s }: { s: ReplaySummaryView }) {
  return (
    <section className="replay-card">
      <h3>Against labels ({s.labels.labeled.toLocaleString()} labelled orders)</h3>
      <table className="table">
        <thead>
          <tr>
            <th />
            <th>precision</th>
            <th>recall</th>
            <th>false-positive rate</th>
          </tr>
        </thead>
        <tbody>
          {(['baseline', 'candidate'] as const).map((side) => (
            <tr key={side}>
              <th>{side}</th>
              <td>{metric(s.labels[side].precision)}</td>
              <td>{metric(s.labels[side].recall)}</td>
              <td>{metric(s.labels[side].falsePositiveRate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted small">
        Positive = fraud or chargeback; flagged = review or decline. Data:{' '}
        {s.sources.storedFacts.toLocaleString()} orders with the facts stored at decision time,{' '}
        {s.sources.currentData.toLocaleString()} with today's catalog and lists.
      </p>
      {s.missingFacts.length > 0 && (
        <div className="notice notice-warn">
          Fields the candidate reads that old orders lack (those conditions are silently false):
          <ul>
            {s.missingFacts.map((m) => (
              <li key={`${m.fact} ${m.path}`}>
                <code>
                  {m.fact} {m.path}
                </code>{' '}
                absent on {m.orders.toLocaleString()} orders
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  )
}

/** The replay summary as charts: outcomes, transitions heat map, rule deltas, scores, labels. */
export function ReplaySummary({ summary }: { summary: ReplaySummaryView }) {
  return (
    <div className="replay-grid">
      <OutcomeBars s={summary} />
      <TransitionTable s={summary} />
      <ScoreHistograms s={summary} />
      <LabelMetrics s={summary} />
      <RuleDeltas s={summary} />
    </div>
  )
}

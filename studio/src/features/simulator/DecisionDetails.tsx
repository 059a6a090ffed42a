import { Badge } from '../../components/Badge.js'
import type { Decision } from '../../models/decision.js'
import { formatValue, scoreContributions } from '../../models/trace-view.js'
import { TraceTree } from './TraceTree.js'

export function OutcomeLine({ decision }: { decision: Decision }) {
  return (
    <div className="outcome-line" data-testid="outcome" data-outcome={decision.outcome}>
      <Badge kind={`outcome-${decision.outcome}`}>{decision.outcome}</Badge>
      <span className="score">
        score <strong>{decision.score}</strong>
      </span>
    </div>
  )
}

export function Reasons({ decision }: { decision: Decision }) {
  const { lines, total } = scoreContributions(decision.reasons)
  return (
    <div className="stack-sm">
      {lines.length > 0 && (
        <table className="table compact" aria-label="Score contributions">
          <thead>
            <tr>
              <th>Score rule</th>
              <th className="num">Points</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((l) => (
              <tr key={l.ruleId}>
                <td>
                  <code>{l.ruleId}</code> {l.message && <span className="muted">{l.message}</span>}
                </td>
                <td className={`num ${l.points < 0 ? 'neg' : ''}`}>
                  {l.points > 0 ? `+${l.points}` : l.points}
                </td>
              </tr>
            ))}
            <tr className="total">
              <td>Total</td>
              <td className="num">{total}</td>
            </tr>
          </tbody>
        </table>
      )}
      {decision.reasons.length === 0 ? (
        <div className="muted">No rule fired.</div>
      ) : (
        <ul className="reasons" data-testid="reasons">
          {decision.reasons.map((r) => (
            <li key={r.ruleId}>
              <Badge kind={`event-${r.type}`}>{r.type}</Badge> <code>{r.ruleId}</code>{' '}
              {r.message ?? r.tag ?? ''} {r.code && <span className="muted">({r.code})</span>}
            </li>
          ))}
        </ul>
      )}
      {decision.errors.length > 0 && (
        <div className="notice notice-warn">
          <strong>Rules that could not be evaluated</strong>
          <ul>
            {decision.errors.map((e) => (
              <li key={e.ruleId}>
                <code>{e.ruleId}</code> {e.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {decision.tags.length > 0 && (
        <div>
          Tags:{' '}
          {decision.tags.map((t) => (
            <Badge key={t} kind="tag">
              {t}
            </Badge>
          ))}
        </div>
      )}
    </div>
  )
}

/** Derived facts as a definition list per fact (the `order` fact is the input, shown elsewhere). */
export function FactsView({ facts }: { facts: Record<string, unknown> | null }) {
  if (!facts) return <div className="muted">No facts were returned.</div>
  const entries = Object.entries(facts).filter(([name]) => name !== 'order' && name !== 'lists')
  return (
    <div className="facts-grid" data-testid="facts">
      {entries.map(([name, value]) => (
        <div key={name} className="fact-card">
          <div className="fact-name">{name}</div>
          <dl>
            {value && typeof value === 'object' ? (
              Object.entries(value as Record<string, unknown>).map(([k, v]) => (
                <div key={k} className="fact-row">
                  <dt>{k}</dt>
                  <dd>
                    <code>{formatValue(v)}</code>
                  </dd>
                </div>
              ))
            ) : (
              <dd>
                <code>{formatValue(value)}</code>
              </dd>
            )}
          </dl>
        </div>
      ))}
    </div>
  )
}

/** Outcome, reasons, trace and facts of one decision (simulation or stored). */
export function DecisionDetails({ decision }: { decision: Decision }) {
  return (
    <div className="stack">
      <OutcomeLine decision={decision} />
      <Reasons decision={decision} />
      <details open>
        <summary className="section-summary">Trace</summary>
        <TraceTree trace={decision.trace} />
      </details>
      <details>
        <summary className="section-summary">Derived facts</summary>
        <FactsView facts={decision.facts} />
      </details>
    </div>
  )
}

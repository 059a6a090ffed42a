import './replay.css'
import { OUTCOMES, percent } from './replay-model.js'
import { useLiveImpact } from './use-live-impact.js'

/** "review 22.7% → 24.1%, 140 orders change" for the editor's draft, updated as you type. */
export function LiveImpact({ clientId }: { clientId: string }) {
  const state = useLiveImpact(clientId)
  if (state.status === 'loading') {
    return (
      <div className="live-impact muted" data-testid="live-impact">
        <span className="spinner" /> Live impact: loading recent orders…
      </div>
    )
  }
  if (state.status === 'unavailable') {
    return (
      <div className="live-impact muted" data-testid="live-impact">
        Live impact unavailable: {state.reason}
      </div>
    )
  }
  const r = state.result
  return (
    <div className={`live-impact${state.pending ? ' pending' : ''}`} data-testid="live-impact">
      <strong>Live impact</strong>{' '}
      <span className="muted">last {state.size.toLocaleString()} orders vs live</span>
      {state.problem && <span className="live-impact-problem"> · {state.problem}</span>}
      {r && (
        <>
          {OUTCOMES.filter((o) => r.baseline[o] > 0 || r.candidate[o] > 0).map((o) => (
            <span key={o} className={`impact-outcome${r.baseline[o] !== r.candidate[o] ? ' moved' : ''}`}>
              {o} {percent(r.baseline[o], r.total)} → <strong>{percent(r.candidate[o], r.total)}</strong>
            </span>
          ))}
          <span className="impact-changed" data-testid="impact-changed">
            {r.changed.toLocaleString()} order{r.changed === 1 ? '' : 's'} change
          </span>
          <span className="muted small">{r.ms.toFixed(0)} ms</span>
        </>
      )}
    </div>
  )
}

import type { Problem } from '../../editor/validate-text.js'

/** Every problem (browser and server) with its location; clicking one moves the cursor there. */
export function ProblemsPanel({ problems, onJump }: { problems: Problem[]; onJump: (p: Problem) => void }) {
  const errors = problems.filter((p) => p.severity === 'error').length
  const warnings = problems.length - errors
  return (
    <section className="problems" aria-label="Problems" data-testid="problems">
      <header className="problems-head">
        <strong>Problems</strong>
        <span className={errors ? 'count count-error' : 'count'}>{errors} errors</span>
        <span className={warnings ? 'count count-warn' : 'count'}>{warnings} warnings</span>
      </header>
      {problems.length === 0 ? (
        <div className="problems-empty">No problems: the policy is valid.</div>
      ) : (
        <ul className="problems-list">
          {problems.map((p, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: problems are recomputed wholesale
            <li key={i}>
              <button type="button" className={`problem problem-${p.severity}`} onClick={() => onJump(p)}>
                <span className="problem-icon">{p.severity === 'error' ? '✕' : '!'}</span>
                <span className="problem-msg">{p.message}</span>
                <code className="problem-path">{p.path}</code>
                <span className="problem-meta">
                  {p.marker.source === 'server' ? 'server · ' : ''}
                  {p.code} · Ln {p.marker.startLineNumber}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

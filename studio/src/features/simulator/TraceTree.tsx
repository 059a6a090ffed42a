import type { RuleTrace } from '@verdict/engine'
import { useState } from 'react'
import { Badge } from '../../components/Badge.js'
import { buildTraceTree, type TraceNode } from '../../models/trace-view.js'

const statusText: Record<TraceNode['status'], string> = {
  pass: 'pass',
  fail: 'fail',
  skipped: 'not reached',
  error: 'error',
  disabled: 'disabled',
}

function Leaf({ node }: { node: TraceNode }) {
  const d = node.detail!
  return (
    <div className={`trace-leaf st-${node.status}`} data-trace-status={node.status}>
      <span className={`dot st-${node.status}`} title={statusText[node.status]} />
      <code className="t-fact">
        {d.fact}
        {d.path && <span className="t-path"> {d.path}</span>}
      </code>
      <span className="t-label">is</span>
      <code className="t-actual" title="Value the fact had">
        {d.actual}
      </code>
      <code className="t-op">{d.operator}</code>
      <code className="t-expected" title={d.expectedFrom ? `from ${d.expectedFrom}` : 'Expected value'}>
        {d.expected}
      </code>
      {d.expectedFrom && <span className="muted small">({d.expectedFrom})</span>}
      <span className={`t-result st-${node.status}`}>{statusText[node.status]}</span>
      {node.error && <div className="t-error">{node.error}</div>}
    </div>
  )
}

function Branch({ node }: { node: TraceNode }) {
  if (node.kind === 'fact') return <Leaf node={node} />
  return (
    <div className="trace-branch">
      <div className={`trace-op st-${node.status}`}>
        <span className={`dot st-${node.status}`} />
        {node.label} <span className="muted small">{statusText[node.status]}</span>
      </div>
      <div className="trace-children">
        {node.children.map((c) => (
          <Branch key={c.key} node={c} />
        ))}
      </div>
    </div>
  )
}

/** Every rule with its conditions as a tree: fact/path, actual value, operator, expected value, result. */
export function TraceTree({ trace }: { trace: RuleTrace[] }) {
  const [firedOnly, setFiredOnly] = useState(false)
  // Fired and erred rules first (they explain the outcome); priority order is kept within each group.
  const rank = (n: TraceNode) =>
    n.status === 'pass' || n.status === 'error' ? 0 : n.status === 'fail' ? 1 : 2
  const nodes = buildTraceTree(trace)
    .filter((n) => !firedOnly || rank(n) === 0)
    .sort((a, b) => rank(a) - rank(b))
  if (trace.length === 0) return <div className="muted">No trace was returned.</div>
  return (
    <div className="trace" data-testid="trace">
      <label className="check">
        <input type="checkbox" checked={firedOnly} onChange={(e) => setFiredOnly(e.target.checked)} /> Fired
        and erred rules only
      </label>
      {nodes.map((rule) => (
        <details
          key={rule.key}
          className={`trace-rule st-${rule.status}`}
          open={rule.status === 'pass' || rule.status === 'error'}
        >
          <summary>
            <span className={`dot st-${rule.status}`} />
            <code className="t-rule">{rule.label}</code>
            <Badge kind={`rule-${rule.status}`}>
              {rule.status === 'pass' ? 'fired' : rule.status === 'fail' ? 'not fired' : rule.status}
            </Badge>
            <span className="muted small">{rule.meta}</span>
          </summary>
          {rule.error && <div className="t-error">{rule.error}</div>}
          <div className="trace-children">
            {rule.children.map((c) => (
              <Branch key={c.key} node={c} />
            ))}
          </div>
        </details>
      ))}
    </div>
  )
}

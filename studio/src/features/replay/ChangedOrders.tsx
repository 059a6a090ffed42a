import { useState } from 'react'
import { ErrorNotice } from '../../components/ErrorNotice.js'
import { formatDate } from '../../lib/format.js'
import { useAsync } from '../../lib/use-async.js'
import { useSession } from '../auth/session.js'
import { TraceTree } from '../simulator/TraceTree.js'
import { type ReplayOrderDetail, type ReplayOrderRow, replayApi } from './replay-api.js'

function Side({ title, side }: { title: string; side: ReplayOrderDetail['baseline'] }) {
  return (
    <div className="drill-side">
      <h4>
        {title}: <span className={`badge badge-outcome-${side.outcome}`}>{side.outcome}</span> score{' '}
        {side.score}
      </h4>
      <ul className="reasons">
        {side.reasons.map((r) => (
          <li key={r.ruleId}>
            <code>{r.ruleId}</code> {r.type} {r.points !== undefined && `(${r.points})`} {r.message}
          </li>
        ))}
        {side.errors.map((e) => (
          <li key={`e-${e.ruleId}`} className="t-error">
            <code>{e.ruleId}</code> error: {e.message}
          </li>
        ))}
      </ul>
      {side.trace && <TraceTree trace={side.trace} />}
    </div>
  )
}

function Drilldown({ clientId, replayId, orderId }: { clientId: string; replayId: string; orderId: string }) {
  const { api } = useSession()
  const state = useAsync(
    () => replayApi.order(api, clientId, replayId, orderId),
    [api, clientId, replayId, orderId],
  )
  if (state.status === 'error') return <ErrorNotice error={state.error} onRetry={state.reload} />
  const d = state.data
  if (!d) return <div className="state">Evaluating {orderId} with both versions…</div>
  return (
    <div className="drilldown" data-testid="order-drilldown">
      <p className="muted small">
        {d.orderId} · label {d.label ?? 'none'} · data:{' '}
        {d.source === 'storedFacts' ? 'stored with its decision' : 'current'} · velocity{' '}
        {JSON.stringify(d.velocity)} · first order: {String(d.isFirstOrder)}
      </p>
      <div className="drill-sides">
        <Side title="Baseline" side={d.baseline} />
        <Side title="Candidate" side={d.candidate} />
      </div>
    </div>
  )
}

/** Orders whose outcome changed, newest first, each opening both decisions with their traces. */
export function ChangedOrders({ clientId, replayId }: { clientId: string; replayId: string }) {
  const { api } = useSession()
  // The cursors of the pages before this one, so "Previous" can go back (the API pages forward).
  const [trail, setTrail] = useState<string[]>([])
  const cursor = trail.at(-1)
  const [open, setOpen] = useState<string | null>(null)
  const page = useAsync(
    () => replayApi.changed(api, clientId, replayId, cursor),
    [api, clientId, replayId, cursor],
  )
  if (page.status === 'error') return <ErrorNotice error={page.error} onRetry={page.reload} />
  const rows: ReplayOrderRow[] = page.data?.data ?? []
  const next = page.data?.nextCursor
  return (
    <section className="replay-card" data-testid="changed-orders">
      <h3>Changed orders</h3>
      {rows.length === 0 && page.data && <p className="muted">No order changes outcome.</p>}
      {rows.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th>Order</th>
              <th>Placed</th>
              <th>Label</th>
              <th>Outcome (baseline → candidate)</th>
              <th>Score</th>
            </tr>
          </thead>
          <tbody>
            {rows.flatMap((r) => [
              <tr
                key={r.orderId}
                className="clickable"
                onClick={() => setOpen(open === r.orderId ? null : r.orderId)}
              >
                <td>
                  <button type="button" className="btn btn-small btn-ghost" data-action="open-order">
                    {r.orderId}
                  </button>
                </td>
                <td className="muted small" title={r.createdAt}>
                  {formatDate(r.createdAt)}
                </td>
                <td>{r.label ?? ''}</td>
                <td>
                  <span className={`badge badge-outcome-${r.baseline.outcome}`}>{r.baseline.outcome}</span> →{' '}
                  <span className={`badge badge-outcome-${r.candidate.outcome}`}>{r.candidate.outcome}</span>
                </td>
                <td className="small">
                  {r.baseline.score} → {r.candidate.score}
                </td>
              </tr>,
              ...(open === r.orderId
                ? [
                    <tr key={`${r.orderId}-detail`}>
                      <td colSpan={5}>
                        <Drilldown clientId={clientId} replayId={replayId} orderId={r.orderId} />
                      </td>
                    </tr>,
                  ]
                : []),
            ])}
          </tbody>
        </table>
      )}
      <div className="pager">
        {trail.length > 0 && (
          <button
            type="button"
            className="btn btn-small"
            data-action="previous-page"
            onClick={() => setTrail(trail.slice(0, -1))}
          >
            Previous
          </button>
        )}
        {next && (
          <button
            type="button"
            className="btn btn-small"
            data-action="next-page"
            onClick={() => setTrail([...trail, next])}
          >
            Next
          </button>
        )}
      </div>
    </section>
  )
}

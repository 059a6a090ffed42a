import { type FormEvent, useEffect, useRef, useState } from 'react'
import { Badge } from '../../components/Badge.js'
import { ErrorNotice } from '../../components/ErrorNotice.js'
import { Empty, Loading } from '../../components/States.js'
import { formatDate, localDayStart } from '../../lib/format.js'
import { href, navigate } from '../../lib/router.js'
import type { Decision } from '../../models/decision.js'
import { useSession } from '../auth/session.js'
import { type DecisionFilters, decisionApi } from './decision-api.js'

const PAGE = 25
const FIELDS = ['outcome', 'from', 'to', 'ruleId', 'orderId'] as const

export function DecisionsExplorer({ clientId, query }: { clientId: string; query: URLSearchParams }) {
  const { api } = useSession()
  const filters = Object.fromEntries(FIELDS.map((f) => [f, query.get(f) ?? ''])) as Record<
    (typeof FIELDS)[number],
    string
  >
  const [form, setForm] = useState(filters)
  const [rows, setRows] = useState<Decision[]>([])
  const [cursor, setCursor] = useState<string | null>(null)
  const [state, setState] = useState<'loading' | 'idle' | 'more'>('loading')
  const [error, setError] = useState<unknown>(null)
  const key = query.toString()
  const seq = useRef(0)

  async function load(after: string | null) {
    const id = ++seq.current
    setState(after ? 'more' : 'loading')
    setError(null)
    const f: DecisionFilters = { limit: PAGE }
    if (filters.outcome) f.outcome = filters.outcome
    if (filters.ruleId) f.ruleId = filters.ruleId.trim()
    if (filters.orderId) f.orderId = filters.orderId.trim()
    // Days as the table shows times, in the browser's zone; `to` (exclusive) is the next day's start.
    const from = localDayStart(filters.from)
    const to = localDayStart(filters.to, true)
    if (from) f.from = from
    if (to) f.to = to
    if (after) f.cursor = after
    try {
      const page = await decisionApi.list(api, clientId, f)
      if (id !== seq.current) return
      setRows((old) => (after ? [...old, ...page.items] : page.items))
      setCursor(page.nextCursor)
    } catch (err) {
      if (id === seq.current) setError(err)
    } finally {
      if (id === seq.current) setState('idle')
    }
  }

  // biome-ignore lint/correctness/useExhaustiveDependencies: reload when the URL's filters change
  useEffect(() => {
    setForm(filters)
    void load(null)
  }, [clientId, key])

  function apply(e: FormEvent) {
    e.preventDefault()
    const q = new URLSearchParams()
    for (const f of FIELDS) if (form[f].trim()) q.set(f, form[f].trim())
    navigate(href.decisions(clientId, q))
  }
  const set = (f: (typeof FIELDS)[number]) => (e: { target: { value: string } }) =>
    setForm((old) => ({ ...old, [f]: e.target.value }))

  return (
    <section className="page">
      <div className="page-head">
        <h1>Decisions</h1>
      </div>
      <form className="filters" onSubmit={apply} aria-label="Filters">
        <label>
          Order id
          <input
            data-search
            type="search"
            value={form.orderId}
            onChange={set('orderId')}
            placeholder="/ to search"
          />
        </label>
        <label>
          Outcome
          <select value={form.outcome} onChange={set('outcome')}>
            <option value="">any</option>
            {['approve', 'review', 'hold', 'decline'].map((o) => (
              <option key={o}>{o}</option>
            ))}
          </select>
        </label>
        <label>
          Rule id
          <input value={form.ruleId} onChange={set('ruleId')} placeholder="e.g. payment.avs-none" />
        </label>
        <label>
          From
          <input type="date" value={form.from} onChange={set('from')} />
        </label>
        <label>
          To
          <input type="date" value={form.to} onChange={set('to')} />
        </label>
        <div className="filters-actions">
          <button type="submit" className="btn btn-primary">
            Apply
          </button>
          <a className="btn" href={href.decisions(clientId)}>
            Clear
          </a>
        </div>
      </form>
      {error !== null && <ErrorNotice error={error} onRetry={() => void load(null)} />}
      {state === 'loading' ? (
        <Loading label="Loading decisions…" />
      ) : rows.length === 0 && error === null ? (
        <Empty>No decision matches these filters.</Empty>
      ) : (
        <>
          <table className="table" data-testid="decisions">
            <thead>
              <tr>
                <th>Order</th>
                <th>Outcome</th>
                <th className="num">Score</th>
                <th>Reasons</th>
                <th>Version</th>
                <th>Evaluated</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((d) => (
                <tr key={d.decisionId ?? d.orderId} className="clickable">
                  <td>
                    <a href={href.decision(clientId, d.decisionId ?? '')} data-decision={d.decisionId}>
                      {d.orderId ?? d.decisionId}
                    </a>
                  </td>
                  <td>
                    <Badge kind={`outcome-${d.outcome}`}>{d.outcome}</Badge>
                  </td>
                  <td className="num">{d.score}</td>
                  <td className="reasons-cell">
                    {d.reasons.slice(0, 3).map((r) => (
                      <code key={r.ruleId}>{r.ruleId}</code>
                    ))}
                    {d.reasons.length > 3 && <span className="muted"> +{d.reasons.length - 3}</span>}
                  </td>
                  <td>{d.policyVersion !== null ? `v${d.policyVersion}` : '—'}</td>
                  <td>{formatDate(d.evaluatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="pager">
            <span className="muted">{rows.length} shown</span>
            {cursor && (
              <button
                type="button"
                className="btn"
                disabled={state === 'more'}
                onClick={() => void load(cursor)}
              >
                {state === 'more' ? 'Loading…' : 'Load more'}
              </button>
            )}
          </div>
        </>
      )}
    </section>
  )
}

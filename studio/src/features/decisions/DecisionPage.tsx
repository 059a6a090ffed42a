import { useState } from 'react'
import { Badge } from '../../components/Badge.js'
import { ErrorNotice } from '../../components/ErrorNotice.js'
import { AsyncView } from '../../components/States.js'
import { formatDate } from '../../lib/format.js'
import { href } from '../../lib/router.js'
import { useAsync } from '../../lib/use-async.js'
import type { Reproduction } from '../../models/decision.js'
import { formatValue } from '../../models/trace-view.js'
import { useSession } from '../auth/session.js'
import { FactsView, OutcomeLine, Reasons } from '../simulator/DecisionDetails.js'
import { TraceTree } from '../simulator/TraceTree.js'
import { decisionApi } from './decision-api.js'

function ReproduceButton({ clientId, decisionId }: { clientId: string; decisionId: string }) {
  const { api } = useSession()
  const [state, setState] = useState<{ busy: boolean; result?: Reproduction; error?: unknown }>({
    busy: false,
  })
  async function go() {
    setState({ busy: true })
    try {
      setState({ busy: false, result: await decisionApi.reproduce(api, clientId, decisionId) })
    } catch (error) {
      setState({ busy: false, error })
    }
  }
  return (
    <div className="stack-sm">
      <button
        type="button"
        className="btn"
        onClick={() => void go()}
        disabled={state.busy}
        data-action="reproduce"
      >
        {state.busy ? 'Reproducing…' : 'Reproduce'}
      </button>
      {state.error !== undefined && <ErrorNotice error={state.error} />}
      {state.result &&
        (state.result.identical ? (
          <div className="notice notice-ok" data-testid="reproduction" data-identical="true">
            Identical: re-evaluating the stored order with version and inputs gives the same decision.
          </div>
        ) : (
          <div className="notice notice-warn" data-testid="reproduction" data-identical="false">
            <strong>Differences found</strong>
            <table className="table compact">
              <thead>
                <tr>
                  <th>Field</th>
                  <th>Stored</th>
                  <th>Reproduced</th>
                </tr>
              </thead>
              <tbody>
                {state.result.differences.map((d) => (
                  <tr key={d.path}>
                    <td>
                      <code>{d.path}</code>
                    </td>
                    <td>
                      <code>{formatValue(d.stored)}</code>
                    </td>
                    <td>
                      <code>{formatValue(d.reproduced)}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
    </div>
  )
}

export function DecisionPage({ clientId, decisionId }: { clientId: string; decisionId: string }) {
  const { api, can } = useSession()
  const state = useAsync(() => decisionApi.get(api, clientId, decisionId), [api, clientId, decisionId])
  return (
    <section className="page">
      <AsyncView state={state} label="Loading the decision…">
        {(d) => (
          <div className="stack">
            <div className="page-head">
              <h1>
                Order <code>{d.orderId}</code>
              </h1>
              {can.reproduce && <ReproduceButton clientId={clientId} decisionId={decisionId} />}
            </div>
            <div className="card decision-head">
              <OutcomeLine decision={d} />
              <dl className="facts-inline">
                <dt>Decision</dt>
                <dd>
                  <code>{d.decisionId}</code>
                </dd>
                <dt>Policy</dt>
                <dd>
                  {d.policyVersion !== null ? (
                    <a href={href.version(clientId, d.policyVersion)} data-testid="decision-version">
                      version {d.policyVersion}
                    </a>
                  ) : (
                    '—'
                  )}
                </dd>
                <dt>Evaluated</dt>
                <dd>{formatDate(d.evaluatedAt)}</dd>
                <dt>Tags</dt>
                <dd>
                  {d.tags.length
                    ? d.tags.map((t) => (
                        <Badge key={t} kind="tag">
                          {t}
                        </Badge>
                      ))
                    : '—'}
                </dd>
              </dl>
            </div>
            <div className="two-col">
              <div className="card">
                <h2>Reasons</h2>
                <Reasons decision={d} />
                <h2>Trace</h2>
                <TraceTree trace={d.trace} />
              </div>
              <div className="card">
                <h2>Facts it saw</h2>
                <FactsView facts={d.facts} />
                {d.order && (
                  <details>
                    <summary className="section-summary">Order</summary>
                    <pre className="json">{JSON.stringify(d.order, null, 2)}</pre>
                  </details>
                )}
              </div>
            </div>
          </div>
        )}
      </AsyncView>
    </section>
  )
}

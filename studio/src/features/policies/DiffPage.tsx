import { lazy, Suspense } from 'react'
import { AsyncView, Loading } from '../../components/States.js'
import { href, navigate } from '../../lib/router.js'
import { useAsync } from '../../lib/use-async.js'
import { type DiffSummary, showValue } from '../../models/diff-summary.js'
import { formatDocument } from '../../models/policy-version.js'
import { useSession } from '../auth/session.js'
import { policyApi } from './policy-api.js'

const MonacoDiff = lazy(() => import('./MonacoDiff.js'))

function Summary({ s }: { s: DiffSummary }) {
  return (
    <div className="card diff-summary" data-testid="diff-summary">
      <strong>{s.headline}</strong>
      <div className="diff-cols">
        {s.added.length > 0 && (
          <div>
            <h3>Added rules</h3>
            <ul>
              {s.added.map((id) => (
                <li key={id} className="added">
                  + <code>{id}</code>
                </li>
              ))}
            </ul>
          </div>
        )}
        {s.removed.length > 0 && (
          <div>
            <h3>Removed rules</h3>
            <ul>
              {s.removed.map((id) => (
                <li key={id} className="removed">
                  − <code>{id}</code>
                </li>
              ))}
            </ul>
          </div>
        )}
        {s.changed.length > 0 && (
          <div>
            <h3>Changed rules</h3>
            <ul>
              {s.changed.map((c) => (
                <li key={c.id} className="changed">
                  ~ <code>{c.id}</code>
                  {c.fields.length > 0 && (
                    <ul className="field-changes">
                      {c.fields.map((f) => (
                        <li key={f.path}>
                          <code>{f.path}</code> {showValue(f.before)} → {showValue(f.after)}
                        </li>
                      ))}
                    </ul>
                  )}
                </li>
              ))}
            </ul>
          </div>
        )}
        {s.moved.length > 0 && (
          <div>
            <h3>Moved rules</h3>
            <p className="muted">Document order ranks rules of equal priority.</p>
            <ul>
              {s.moved.map((id) => (
                <li key={id} className="changed">
                  ↕ <code>{id}</code>
                </li>
              ))}
            </ul>
          </div>
        )}
        {[...s.settings, ...s.lists, ...s.other].length > 0 && (
          <div>
            <h3>Settings, lists, shared conditions</h3>
            <ul>
              {[...s.settings, ...s.lists, ...s.other].map((f) => (
                <li key={f.path} className="changed">
                  <code>{f.path}</code> {showValue(f.before)} → {showValue(f.after)}
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>
    </div>
  )
}

export function DiffPage({ clientId, a, b }: { clientId: string; a: number; b: number }) {
  const { api } = useSession()
  const versions = useAsync(() => policyApi.versions(api, clientId), [api, clientId])
  const state = useAsync(async () => {
    const [summary, va, vb] = await Promise.all([
      policyApi.diff(api, clientId, a, b),
      policyApi.version(api, clientId, a),
      policyApi.version(api, clientId, b),
    ])
    return { summary, original: formatDocument(va.document), modified: formatDocument(vb.document) }
  }, [api, clientId, a, b])
  const options = versions.data ?? []
  const pick = (which: 'a' | 'b') => (e: { target: { value: string } }) => {
    const v = Number(e.target.value)
    navigate(href.diff(clientId, which === 'a' ? v : a, which === 'b' ? v : b))
  }
  return (
    <section className="page">
      <div className="page-head">
        <h1>
          Diff v{a} → v{b}
        </h1>
        <div className="row">
          <select aria-label="From version" value={a} onChange={pick('a')}>
            {options.map((v) => (
              <option key={v.version} value={v.version}>
                v{v.version} ({v.status})
              </option>
            ))}
          </select>
          <span>→</span>
          <select aria-label="To version" value={b} onChange={pick('b')}>
            {options.map((v) => (
              <option key={v.version} value={v.version}>
                v{v.version} ({v.status})
              </option>
            ))}
          </select>
        </div>
      </div>
      <AsyncView state={state} label="Computing the diff…">
        {(d) => (
          <div className="stack">
            <Summary s={d.summary} />
            <Suspense fallback={<Loading label="Loading the diff editor…" />}>
              <MonacoDiff original={d.original} modified={d.modified} />
            </Suspense>
          </div>
        )}
      </AsyncView>
    </section>
  )
}

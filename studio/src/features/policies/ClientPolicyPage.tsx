import { useState } from 'react'
import { Badge } from '../../components/Badge.js'
import { AsyncView, Empty } from '../../components/States.js'
import { formatDate } from '../../lib/format.js'
import { href, navigate } from '../../lib/router.js'
import { useAsync } from '../../lib/use-async.js'
import type { PolicyVersionSummary } from '../../models/policy-version.js'
import { useSession } from '../auth/session.js'
import { policyApi } from './policy-api.js'
import { VersionsTable } from './VersionsTable.js'

function LiveCard({ clientId, live }: { clientId: string; live: PolicyVersionSummary | undefined }) {
  if (!live)
    return (
      <Empty>No version is live yet: orders are answered 409 no_live_policy until one is published.</Empty>
    )
  return (
    <div className="card live-card" data-testid="live-version">
      <div>
        <div className="muted small">Live version</div>
        <div className="live-number">v{live.version}</div>
      </div>
      <dl className="facts-inline">
        <dt>Published</dt>
        <dd>
          {formatDate(live.publishedAt)} {live.publishedBy && `by ${live.publishedBy}`}
        </dd>
        <dt>Comment</dt>
        <dd>{live.comment ?? '—'}</dd>
        <dt>Checksum</dt>
        <dd>
          <code className="small">{live.checksum?.slice(0, 16) ?? '—'}</code>
        </dd>
      </dl>
      <a className="btn" href={href.version(clientId, live.version)}>
        View document
      </a>
    </div>
  )
}

function CompareForm({ clientId, versions }: { clientId: string; versions: PolicyVersionSummary[] }) {
  const [a, setA] = useState(versions[1]?.version ?? versions[0]?.version ?? 1)
  const [b, setB] = useState(versions[0]?.version ?? 1)
  if (versions.length < 2) return null
  return (
    <form
      className="row compare"
      onSubmit={(e) => {
        e.preventDefault()
        navigate(href.diff(clientId, a, b))
      }}
    >
      <span>Compare</span>
      <select aria-label="From version" value={a} onChange={(e) => setA(Number(e.target.value))}>
        {versions.map((v) => (
          <option key={v.version} value={v.version}>
            v{v.version} ({v.status})
          </option>
        ))}
      </select>
      <span>with</span>
      <select aria-label="To version" value={b} onChange={(e) => setB(Number(e.target.value))}>
        {versions.map((v) => (
          <option key={v.version} value={v.version}>
            v{v.version} ({v.status})
          </option>
        ))}
      </select>
      <button type="submit" className="btn" disabled={a === b}>
        Show diff
      </button>
    </form>
  )
}

export function ClientPolicyPage({ clientId }: { clientId: string }) {
  const { api, can } = useSession()
  const versions = useAsync(() => policyApi.versions(api, clientId), [api, clientId])
  return (
    <section className="page">
      <div className="page-head">
        <h1>Policy</h1>
        <div className="row">
          {can.readOnly && <Badge kind="readonly">read-only</Badge>}
          {can.author && (
            <a className="btn btn-primary" href={href.editor(clientId)} data-action="open-editor">
              Open editor
            </a>
          )}
        </div>
      </div>
      <AsyncView state={versions} label="Loading versions…">
        {(list) =>
          list.length === 0 ? (
            <Empty>No version saved yet.{can.author && ' Open the editor to write the first one.'}</Empty>
          ) : (
            <div className="stack">
              <LiveCard clientId={clientId} live={list.find((v) => v.status === 'live')} />
              <div className="section-head">
                <h2>Versions</h2>
                <CompareForm clientId={clientId} versions={list} />
              </div>
              <VersionsTable clientId={clientId} versions={list} onChanged={versions.reload} />
            </div>
          )
        }
      </AsyncView>
    </section>
  )
}

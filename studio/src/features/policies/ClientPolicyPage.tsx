import { useState } from 'react'
import { Badge } from '../../components/Badge.js'
import { AsyncView, Empty } from '../../components/States.js'
import { formatDate } from '../../lib/format.js'
import { href, navigate } from '../../lib/router.js'
import { useAsync } from '../../lib/use-async.js'
import type { PolicyVersionSummary, Publication } from '../../models/policy-version.js'
import { useSession } from '../auth/session.js'
import { policyApi } from './policy-api.js'
import { VersionsTable } from './VersionsTable.js'

function LiveCard({
  clientId,
  live,
  publications,
}: {
  clientId: string
  live: PolicyVersionSummary | undefined
  publications: Publication[]
}) {
  if (!live)
    return (
      <Empty>No version is live yet: orders are answered 409 no_live_policy until one is published.</Empty>
    )
  // The log is newest first: the live version's latest publication is why it is live now.
  const publication = publications.find((p) => p.version === live.version)
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
        <dt>Why live</dt>
        <dd data-testid="live-publication-comment">{publication?.comment ?? '—'}</dd>
        <dt>Saved with</dt>
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

/** The publication log (compliance: who made which version live, when, why), newest first. */
function PublicationLog({ clientId, publications }: { clientId: string; publications: Publication[] }) {
  if (publications.length === 0) return null
  return (
    <>
      <div className="section-head">
        <h2>Publication log</h2>
      </div>
      <table className="table" data-testid="publications">
        <thead>
          <tr>
            <th>When</th>
            <th>Made live</th>
            <th>Replaced</th>
            <th>By</th>
            <th>Why</th>
          </tr>
        </thead>
        <tbody>
          {publications.map((p) => (
            <tr key={`${p.publishedAt}-${p.version}`} data-publication={p.version}>
              <td>{formatDate(p.publishedAt)}</td>
              <td>
                <a href={href.version(clientId, p.version)}>v{p.version}</a>
              </td>
              <td>
                {p.previousVersion === null ? (
                  '—'
                ) : (
                  <a href={href.version(clientId, p.previousVersion)}>v{p.previousVersion}</a>
                )}
              </td>
              <td>{p.publishedBy ?? '—'}</td>
              <td>{p.comment ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
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
  const versions = useAsync(async () => {
    const [list, publications] = await Promise.all([
      policyApi.versions(api, clientId),
      policyApi.publications(api, clientId),
    ])
    return { list, publications }
  }, [api, clientId])
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
        {({ list, publications }) =>
          list.length === 0 ? (
            <Empty>No version saved yet.{can.author && ' Open the editor to write the first one.'}</Empty>
          ) : (
            <div className="stack">
              <LiveCard
                clientId={clientId}
                live={list.find((v) => v.status === 'live')}
                publications={publications}
              />
              <div className="section-head">
                <h2>Versions</h2>
                <CompareForm clientId={clientId} versions={list} />
              </div>
              <VersionsTable clientId={clientId} versions={list} onChanged={versions.reload} />
              <PublicationLog clientId={clientId} publications={publications} />
            </div>
          )
        }
      </AsyncView>
    </section>
  )
}

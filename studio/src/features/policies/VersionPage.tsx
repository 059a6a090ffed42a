import { Badge } from '../../components/Badge.js'
import { AsyncView } from '../../components/States.js'
import { formatDate } from '../../lib/format.js'
import { href } from '../../lib/router.js'
import { useAsync } from '../../lib/use-async.js'
import { formatDocument } from '../../models/policy-version.js'
import { useSession } from '../auth/session.js'
import { PublishAction } from './PublishAction.js'
import { policyApi } from './policy-api.js'

/** One immutable version: who, when, why, and its document (the target of decision links). */
export function VersionPage({ clientId, version }: { clientId: string; version: number }) {
  const { api, can } = useSession()
  const state = useAsync(async () => {
    const [v, all] = await Promise.all([
      policyApi.version(api, clientId, version),
      policyApi.versions(api, clientId),
    ])
    return { v, live: all.find((x) => x.status === 'live')?.version ?? null }
  }, [api, clientId, version])
  return (
    <section className="page">
      <AsyncView state={state} label="Loading the version…">
        {({ v, live }) => (
          <div className="stack">
            <div className="page-head">
              <h1>
                Version {v.version} <Badge kind={v.status} />
              </h1>
              <div className="row">
                {live !== null && live !== v.version && (
                  <a className="btn" href={href.diff(clientId, live, v.version)}>
                    Diff with live v{live}
                  </a>
                )}
                {can.author && (
                  <a className="btn" href={href.editor(clientId, v.version)}>
                    Edit from this version
                  </a>
                )}
                <PublishAction clientId={clientId} version={v} liveVersion={live} onDone={state.reload} />
              </div>
            </div>
            <dl className="card facts-inline">
              <dt>Comment</dt>
              <dd>{v.comment ?? '—'}</dd>
              <dt>Created</dt>
              <dd>
                {formatDate(v.createdAt)} by {v.createdBy ?? '—'}
              </dd>
              <dt>Published</dt>
              <dd>{v.publishedAt ? `${formatDate(v.publishedAt)} by ${v.publishedBy ?? '—'}` : '—'}</dd>
              <dt>Checksum</dt>
              <dd>
                <code>{v.checksum ?? '—'}</code>
              </dd>
            </dl>
            <pre className="json" data-testid="version-document">
              {formatDocument(v.document)}
            </pre>
          </div>
        )}
      </AsyncView>
    </section>
  )
}

import { Badge } from '../../components/Badge.js'
import { formatDate } from '../../lib/format.js'
import { href } from '../../lib/router.js'
import type { PolicyVersionSummary } from '../../models/policy-version.js'
import { useSession } from '../auth/session.js'
import { PublishAction } from './PublishAction.js'

export function VersionsTable({
  clientId,
  versions,
  onChanged,
}: {
  clientId: string
  versions: PolicyVersionSummary[]
  onChanged: () => void
}) {
  const { can } = useSession()
  const live = versions.find((v) => v.status === 'live')?.version ?? null
  return (
    <table className="table" data-testid="versions">
      <thead>
        <tr>
          <th>Version</th>
          <th>Status</th>
          <th>Comment</th>
          <th>Author</th>
          <th>Created</th>
          <th>Published</th>
          <th aria-label="Actions" />
        </tr>
      </thead>
      <tbody>
        {versions.map((v, i) => {
          const previous = versions[i + 1]
          return (
            <tr key={v.version} data-version-row={v.version}>
              <td>
                <a href={href.version(clientId, v.version)}>v{v.version}</a>
              </td>
              <td>
                <Badge kind={v.status} />
              </td>
              <td className="comment-cell">{v.comment ?? <span className="muted">—</span>}</td>
              <td>{v.createdBy ?? '—'}</td>
              <td>{formatDate(v.createdAt)}</td>
              <td>
                {v.publishedAt ? (
                  <>
                    {formatDate(v.publishedAt)}
                    {v.publishedBy && <div className="muted small">by {v.publishedBy}</div>}
                  </>
                ) : (
                  '—'
                )}
              </td>
              <td>
                <div className="actions">
                  {previous && (
                    <a className="btn btn-small" href={href.diff(clientId, previous.version, v.version)}>
                      Diff v{previous.version}
                    </a>
                  )}
                  {can.author && (
                    <a className="btn btn-small" href={href.editor(clientId, v.version)}>
                      Edit from
                    </a>
                  )}
                  <PublishAction clientId={clientId} version={v} liveVersion={live} onDone={onChanged} />
                </div>
              </td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}

import { ApiError, describeError } from '../api/client.js'

/** An error in plain words: what happened, the server's detail, field issues and the request id. */
export function ErrorNotice({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { title, detail, requestId } = describeError(error)
  const issues = error instanceof ApiError ? error.issues : []
  return (
    <div className="notice notice-error" role="alert">
      <strong>{title}</strong>
      {detail && detail !== title && <div>{detail}</div>}
      {issues.length > 0 && (
        <ul className="issue-list">
          {issues.slice(0, 20).map((i, n) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: issues have no identity
            <li key={n}>
              {i.path && <code>{i.path}</code>} {i.message}
            </li>
          ))}
        </ul>
      )}
      <div className="notice-foot">
        {requestId && <span className="muted">Request id {requestId}</span>}
        {onRetry && (
          <button type="button" className="btn btn-small" onClick={onRetry}>
            Try again
          </button>
        )}
      </div>
    </div>
  )
}

import { useState } from 'react'
import { Badge } from '../../components/Badge.js'
import { Dialog } from '../../components/Dialog.js'
import { ErrorNotice } from '../../components/ErrorNotice.js'
import { AsyncView, Empty } from '../../components/States.js'
import { formatDate } from '../../lib/format.js'
import { useAsync } from '../../lib/use-async.js'
import { useSession } from '../auth/session.js'
import { decisionApi } from '../decisions/decision-api.js'

/** Finds a stored order through the decisions list (by order id) and loads it from its decision. */
export function StoredOrderPicker({
  clientId,
  onPick,
  onClose,
}: {
  clientId: string
  onPick: (order: Record<string, unknown>) => void
  onClose: () => void
}) {
  const { api } = useSession()
  const [q, setQ] = useState('')
  const [query, setQuery] = useState('')
  const [error, setError] = useState<unknown>(null)
  const list = useAsync(
    () => decisionApi.list(api, clientId, { orderId: query || undefined, limit: 15 }),
    [api, clientId, query],
  )
  async function pick(decisionId: string) {
    setError(null)
    try {
      const d = await decisionApi.get(api, clientId, decisionId)
      if (!d.order) throw new Error('This decision does not include its order.')
      onPick(d.order)
    } catch (err) {
      setError(err)
    }
  }
  return (
    <Dialog title="Pick a stored order" onClose={onClose} wide>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault()
          setQuery(q.trim())
        }}
      >
        <input
          className="search"
          type="search"
          placeholder="Order id"
          aria-label="Order id"
          value={q}
          onChange={(e) => setQ(e.target.value)}
        />
        <button type="submit" className="btn">
          Search
        </button>
      </form>
      {error !== null && <ErrorNotice error={error} />}
      <AsyncView state={list} label="Searching…">
        {(page) =>
          page.items.length === 0 ? (
            <Empty>No stored order {query ? `with id “${query}”` : 'yet'}.</Empty>
          ) : (
            <table className="table compact">
              <tbody>
                {page.items.map((d) => (
                  <tr key={d.decisionId ?? d.orderId}>
                    <td>
                      <code>{d.orderId}</code>
                    </td>
                    <td>
                      <Badge kind={`outcome-${d.outcome}`}>{d.outcome}</Badge>
                    </td>
                    <td>{formatDate(d.evaluatedAt)}</td>
                    <td>
                      <button
                        type="button"
                        className="btn btn-small"
                        data-pick-order={d.orderId}
                        onClick={() => d.decisionId && void pick(d.decisionId)}
                      >
                        Use
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </AsyncView>
    </Dialog>
  )
}

import { useState } from 'react'
import { Empty } from '../../components/States.js'
import { href } from '../../lib/router.js'
import { useSession } from '../auth/session.js'

export function ClientList() {
  const { clients, identity } = useSession()
  const [q, setQ] = useState('')
  const shown = clients.filter((c) => `${c.id} ${c.name}`.toLowerCase().includes(q.trim().toLowerCase()))
  return (
    <section className="page narrow">
      <div className="page-head">
        <h1>Clients</h1>
        <input
          className="search"
          data-search
          type="search"
          placeholder="Filter clients  ( / )"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          aria-label="Filter clients"
        />
      </div>
      {clients.length === 0 ? (
        <Empty>
          This key is not scoped to any client yet.
          {identity.role === 'admin' && ' Create one with POST /v1/clients.'}
        </Empty>
      ) : shown.length === 0 ? (
        <Empty>No client matches “{q}”.</Empty>
      ) : (
        <ul className="card-list">
          {shown.map((c) => (
            <li key={c.id}>
              <a className="card card-link" href={href.client(c.id)} data-client={c.id}>
                <strong>{c.name}</strong>
                <code className="muted">{c.id}</code>
              </a>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

import type { ReactNode } from 'react'
import { useSession } from '../features/auth/session.js'
import { href, type Route } from '../lib/router.js'

function clientOf(route: Route): string | null {
  return 'clientId' in route ? route.clientId : null
}

export function Layout({
  route,
  onHelp,
  children,
}: {
  route: Route
  onHelp: () => void
  children: ReactNode
}) {
  const { identity, clients, signOut } = useSession()
  const clientId = clientOf(route)
  const client = clients.find((c) => c.id === clientId)
  const tab = route.name
  return (
    <div className="app">
      <header className="topbar">
        <a className="brand" href={href.clients()}>
          <span className="brand-mark">V</span> Verdict Studio
        </a>
        <nav className="crumbs" aria-label="Breadcrumb">
          <a href={href.clients()}>Clients</a>
          {clientId && (
            <>
              <span className="sep">/</span>
              <a href={href.client(clientId)}>{client?.name ?? clientId}</a>
            </>
          )}
        </nav>
        {clientId && (
          <nav className="tabs" aria-label="Client sections">
            <a
              className={['client', 'version', 'diff'].includes(tab) ? 'active' : ''}
              href={href.client(clientId)}
            >
              Policy
            </a>
            <a className={tab === 'editor' ? 'active' : ''} href={href.editor(clientId)}>
              Editor &amp; simulator
            </a>
            <a className={tab.startsWith('decision') ? 'active' : ''} href={href.decisions(clientId)}>
              Decisions
            </a>
            <a className={tab === 'replay' ? 'active' : ''} href={href.replay(clientId)}>
              Replay
            </a>
          </nav>
        )}
        <div className="topbar-end">
          <span className="who" title="Your key's role">
            {identity.name ?? 'API key'} ·{' '}
            <strong data-testid="role">{identity.role ?? 'role unknown'}</strong>
          </span>
          <button type="button" className="btn btn-ghost" onClick={onHelp} title="Keyboard shortcuts (?)">
            ?
          </button>
          <button type="button" className="btn btn-ghost" onClick={signOut}>
            Sign out
          </button>
        </div>
      </header>
      <main className="content">{children}</main>
    </div>
  )
}

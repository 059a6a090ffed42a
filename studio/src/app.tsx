import { lazy, Suspense, useEffect, useState } from 'react'
import { HelpDialog } from './components/HelpDialog.js'
import { Layout } from './components/Layout.js'
import { Empty, Loading } from './components/States.js'
import { SignIn } from './features/auth/SignIn.js'
import { SessionProvider, useSessionContext } from './features/auth/session.js'
import { ClientList } from './features/clients/ClientList.js'
import { DecisionPage } from './features/decisions/DecisionPage.js'
import { DecisionsExplorer } from './features/decisions/DecisionsExplorer.js'
import { ClientPolicyPage } from './features/policies/ClientPolicyPage.js'
import { DiffPage } from './features/policies/DiffPage.js'
import { VersionPage } from './features/policies/VersionPage.js'
import { href, type Route, useRoute } from './lib/router.js'
import { useShortcuts } from './lib/use-shortcuts.js'

// Monaco and the engine's validator live in this chunk only: the first screen stays small.
const EditorPage = lazy(() => import('./features/editor/EditorPage.js'))
const ReplayPage = lazy(() => import('./features/replay/ReplayPage.js'))

function Page({ route }: { route: Route }) {
  switch (route.name) {
    case 'clients':
      return <ClientList />
    case 'client':
      return <ClientPolicyPage clientId={route.clientId} />
    case 'version':
      return <VersionPage clientId={route.clientId} version={route.version} />
    case 'diff':
      return <DiffPage clientId={route.clientId} a={route.a} b={route.b} />
    case 'editor':
      return (
        <Suspense fallback={<Loading label="Loading the editor…" />}>
          <EditorPage clientId={route.clientId} from={route.from} />
        </Suspense>
      )
    case 'decisions':
      return <DecisionsExplorer clientId={route.clientId} query={route.query} />
    case 'decision':
      return <DecisionPage clientId={route.clientId} decisionId={route.decisionId} />
    case 'replay':
      return (
        <Suspense fallback={<Loading label="Loading replay…" />}>
          <ReplayPage clientId={route.clientId} />
        </Suspense>
      )
    case 'not-found':
      return (
        <Empty>
          Nothing at <code>{route.path}</code>. <a href={href.clients()}>Back to clients</a>
        </Empty>
      )
  }
}

function Shell() {
  const { session, restore } = useSessionContext()
  const route = useRoute()
  const [restoring, setRestoring] = useState(true)
  const [help, setHelp] = useState(false)
  useEffect(() => {
    void restore().finally(() => setRestoring(false))
  }, [restore])
  useShortcuts([
    { combo: '?', run: () => setHelp(true) },
    {
      combo: '/',
      run: () => document.querySelector<HTMLInputElement>('[data-search]')?.focus(),
    },
  ])
  if (restoring && !session) return <Loading label="Starting…" />
  if (!session) return <SignIn />
  return (
    <Layout route={route} onHelp={() => setHelp(true)}>
      <Page route={route} />
      {help && <HelpDialog onClose={() => setHelp(false)} />}
    </Layout>
  )
}

export function App() {
  return (
    <SessionProvider>
      <Shell />
    </SessionProvider>
  )
}

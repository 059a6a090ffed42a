import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react'
import { type ApiClient, createApiClient } from '../../api/client.js'
import { adaptClients, type Client } from '../../models/client.js'
import { adaptIdentity, type Identity, type Permissions, permissionsFor } from '../../models/session.js'
import { sessionStore } from './session-store.js'

export interface Session {
  api: ApiClient
  identity: Identity
  clients: Client[]
  can: Permissions
  signOut: () => void
}

interface SessionContextValue {
  session: Session | null
  /** The signed-in key was refused (revoked or expired) and the session ended; false after a sign-out. */
  refused: boolean
  signIn: (key: string) => Promise<void>
  /** Restores a key kept in sessionStorage (page reload); false when there is none or it stopped working. */
  restore: () => Promise<boolean>
}

const SessionContext = createContext<SessionContextValue | null>(null)

async function identify(api: ApiClient): Promise<{ identity: Identity; clients: Client[] }> {
  // The client list proves the key works (401 otherwise); /v1/me gives its role and scope.
  const [clients, me] = await Promise.all([api.get('/v1/clients'), api.get('/v1/me')])
  return { identity: adaptIdentity(me), clients: adaptClients(clients) }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<{ key: string; identity: Identity; clients: Client[] } | null>(null)
  const [refused, setRefused] = useState(false)

  // Signing out on purpose forgets the tab's drafts too (the next user of the tab is someone else).
  const signOut = useCallback(() => {
    sessionStore.clearAll()
    setRefused(false)
    setState(null)
  }, [])

  // A key refused mid-session (revoked, expired): back to sign-in, saying why, with the unsaved
  // edits kept for when the user signs in again.
  const onUnauthorized = useCallback(() => {
    sessionStore.clear()
    setRefused(true)
    setState(null)
  }, [])

  const api = useMemo(
    () => createApiClient({ getKey: () => sessionStore.get(), onUnauthorized }),
    [onUnauthorized],
  )

  const signIn = useCallback(async (key: string) => {
    const trimmed = key.trim()
    const probe = createApiClient({ getKey: () => trimmed })
    const who = await identify(probe)
    sessionStore.set(trimmed)
    setRefused(false)
    setState({ key: trimmed, ...who })
  }, [])

  const restore = useCallback(async () => {
    const key = sessionStore.get()
    if (!key) return false
    try {
      await signIn(key)
      return true
    } catch {
      sessionStore.clear()
      return false
    }
  }, [signIn])

  const value = useMemo<SessionContextValue>(() => {
    const session: Session | null = state
      ? {
          api,
          identity: state.identity,
          clients: state.clients,
          can: permissionsFor(state.identity.role),
          signOut,
        }
      : null
    return { session, refused, signIn, restore }
  }, [state, refused, api, signIn, restore, signOut])

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>
}

export function useSessionContext(): SessionContextValue {
  const ctx = useContext(SessionContext)
  if (!ctx) throw new Error('useSessionContext outside SessionProvider')
  return ctx
}

/** The signed-in session; only used under the signed-in part of the tree. */
export function useSession(): Session {
  const { session } = useSessionContext()
  if (!session) throw new Error('useSession without a session')
  return session
}

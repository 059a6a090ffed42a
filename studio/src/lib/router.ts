import { useEffect, useState } from 'react'

// Hash routing: the API serves index.html only at `/`, so deep links must live after the `#`.

export type Route =
  | { name: 'clients' }
  | { name: 'client'; clientId: string }
  | { name: 'version'; clientId: string; version: number }
  | { name: 'diff'; clientId: string; a: number; b: number }
  | { name: 'editor'; clientId: string; from: number | null }
  | { name: 'decisions'; clientId: string; query: URLSearchParams }
  | { name: 'decision'; clientId: string; decisionId: string }
  | { name: 'replay'; clientId: string }
  | { name: 'not-found'; path: string }

/** Parses `#/clients/acme/decisions?outcome=review` style hashes. */
export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#/, '') || '/'
  const [pathPart, qs] = raw.split('?', 2) as [string, string | undefined]
  const query = new URLSearchParams(qs ?? '')
  const seg = pathPart.split('/').filter(Boolean).map(decodeURIComponent)
  const int = (s: string | undefined) => (s && /^\d+$/.test(s) ? Number(s) : null)
  if (seg.length === 0 || (seg.length === 1 && seg[0] === 'clients')) return { name: 'clients' }
  if (seg[0] !== 'clients' || !seg[1]) return { name: 'not-found', path: pathPart }
  const clientId = seg[1]
  if (seg.length === 2) return { name: 'client', clientId }
  const [, , section, x, y] = seg
  if (section === 'versions' && int(x) !== null && seg.length === 4) {
    return { name: 'version', clientId, version: int(x)! }
  }
  if (section === 'diff' && int(x) !== null && int(y) !== null)
    return { name: 'diff', clientId, a: int(x)!, b: int(y)! }
  if (section === 'editor' && seg.length === 3)
    return { name: 'editor', clientId, from: int(query.get('from') ?? undefined) }
  if (section === 'decisions' && seg.length === 3) return { name: 'decisions', clientId, query }
  if (section === 'decisions' && x && seg.length === 4) return { name: 'decision', clientId, decisionId: x }
  if (section === 'replay' && seg.length === 3) return { name: 'replay', clientId }
  return { name: 'not-found', path: pathPart }
}

export const href = {
  clients: () => '#/',
  client: (c: string) => `#/clients/${encodeURIComponent(c)}`,
  version: (c: string, v: number) => `#/clients/${encodeURIComponent(c)}/versions/${v}`,
  diff: (c: string, a: number, b: number) => `#/clients/${encodeURIComponent(c)}/diff/${a}/${b}`,
  editor: (c: string, from?: number | null) =>
    `#/clients/${encodeURIComponent(c)}/editor${from ? `?from=${from}` : ''}`,
  decisions: (c: string, query?: URLSearchParams) => {
    const qs = query?.toString()
    return `#/clients/${encodeURIComponent(c)}/decisions${qs ? `?${qs}` : ''}`
  },
  decision: (c: string, id: string) =>
    `#/clients/${encodeURIComponent(c)}/decisions/${encodeURIComponent(id)}`,
  replay: (c: string) => `#/clients/${encodeURIComponent(c)}/replay`,
}

export function navigate(to: string): void {
  if (window.location.hash !== to) window.location.hash = to
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(window.location.hash))
  useEffect(() => {
    const on = () => setRoute(parseHash(window.location.hash))
    window.addEventListener('hashchange', on)
    return () => window.removeEventListener('hashchange', on)
  }, [])
  return route
}

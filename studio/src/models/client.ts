import { isRec, str, unwrapList } from './unwrap.js'

export interface Client {
  id: string
  name: string
}

export function adaptClient(raw: unknown): Client | null {
  if (!isRec(raw)) return null
  const id = str(raw.id)
  return id ? { id, name: str(raw.name) ?? id } : null
}

export function adaptClients(body: unknown): Client[] {
  return unwrapList(body, 'clients')
    .map(adaptClient)
    .filter((c): c is Client => c !== null)
    .sort((a, b) => a.name.localeCompare(b.name))
}

import { parseErrorBody } from '../../api/api-error.js'
import type { ApiClient } from '../../api/client.js'
import { sessionStore } from '../auth/session-store.js'
import { adaptReplay } from './replay-model.js'

const base = (clientId: string) => `/v1/clients/${encodeURIComponent(clientId)}/replays`

export interface StartReplay {
  candidate: { version: number } | { document: unknown }
  baseline?: { version: number }
  from?: string
  to?: string
  limit?: number
}

export const replayApi = {
  start: async (api: ApiClient, clientId: string, body: StartReplay) =>
    (await api.post(base(clientId), body)) as { replayId: string },
  get: async (api: ApiClient, clientId: string, replayId: string) =>
    adaptReplay(await api.get(`${base(clientId)}/${replayId}`)),
  changed: async (api: ApiClient, clientId: string, replayId: string, cursor?: string) =>
    (await api.get(`${base(clientId)}/${replayId}/orders`, { changed: 'true', limit: 20, cursor })) as {
      data: ReplayOrderRow[]
      nextCursor: string | null
    },
  order: async (api: ApiClient, clientId: string, replayId: string, orderId: string) =>
    (await api.get(
      `${base(clientId)}/${replayId}/orders/${encodeURIComponent(orderId)}`,
    )) as ReplayOrderDetail,
  sample: async (api: ApiClient, clientId: string, limit: number) =>
    (await api.get(`${base(clientId)}/sample`, { limit })) as unknown,
  /** DELETE is not in the shared client (GET/POST/PUT only): a direct call with the session's key. */
  cancel: async (clientId: string, replayId: string) => {
    const key = sessionStore.get()
    const res = await fetch(`${base(clientId)}/${replayId}`, {
      method: 'DELETE',
      headers: key ? { authorization: `Bearer ${key}` } : {},
    })
    if (!res.ok) throw parseErrorBody(res.status, await res.text())
  },
}

interface Side {
  outcome: string
  score: number
  reasons: { ruleId: string; type?: string; points?: number; message?: string }[]
  errors: { ruleId: string; message: string }[]
}

export interface ReplayOrderRow {
  orderId: string
  createdAt: string
  label: string | null
  changed: boolean
  source: 'storedFacts' | 'currentData'
  baseline: Side
  candidate: Side
}

export interface ReplayOrderDetail {
  orderId: string
  order: Record<string, unknown>
  label: string | null
  source: string
  velocity: Record<string, number>
  isFirstOrder: boolean
  baseline: Side & { trace?: import('@verdict/engine').RuleTrace[] }
  candidate: Side & { trace?: import('@verdict/engine').RuleTrace[] }
}

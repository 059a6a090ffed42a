import type { ApiClient } from '../../api/client.js'
import { adaptDecision, adaptDecisionPage, adaptReproduction } from '../../models/decision.js'

const base = (clientId: string) => `/v1/clients/${encodeURIComponent(clientId)}`

export interface DecisionFilters {
  outcome?: string
  from?: string
  to?: string
  ruleId?: string
  orderId?: string
  limit?: number
  cursor?: string
}

export const decisionApi = {
  list: async (api: ApiClient, clientId: string, f: DecisionFilters) =>
    adaptDecisionPage(await api.get(`${base(clientId)}/decisions`, { ...f })),
  get: async (api: ApiClient, clientId: string, id: string) =>
    adaptDecision(await api.get(`${base(clientId)}/decisions/${encodeURIComponent(id)}`)),
  reproduce: async (api: ApiClient, clientId: string, id: string) =>
    adaptReproduction(await api.post(`${base(clientId)}/decisions/${encodeURIComponent(id)}/reproduce`, {})),
  simulate: async (
    api: ApiClient,
    clientId: string,
    order: unknown,
    against: { document: unknown } | { version: number },
  ) => adaptDecision(await api.post(`${base(clientId)}/simulate`, { order, ...against })),
}

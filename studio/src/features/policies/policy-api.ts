import type { ApiClient } from '../../api/client.js'
import { ApiError } from '../../api/client.js'
import { summarizeDiff } from '../../models/diff-summary.js'
import {
  adaptPublications,
  adaptVersion,
  adaptVersions,
  type PolicyVersion,
} from '../../models/policy-version.js'

const base = (clientId: string) => `/v1/clients/${encodeURIComponent(clientId)}`

export const policyApi = {
  versions: async (api: ApiClient, clientId: string) =>
    adaptVersions(await api.get(`${base(clientId)}/policy/versions`)),
  publications: async (api: ApiClient, clientId: string) =>
    adaptPublications(await api.get(`${base(clientId)}/policy/publications`)),
  version: async (api: ApiClient, clientId: string, v: number) => {
    const out = adaptVersion(await api.get(`${base(clientId)}/policy/versions/${v}`))
    if (!out) throw new ApiError(502, 'invalid_response', `Version ${v} came back without a version number.`)
    return out
  },
  /** The live version, or null when the client has none yet (404/409). */
  live: async (api: ApiClient, clientId: string): Promise<PolicyVersion | null> => {
    try {
      return adaptVersion(await api.get(`${base(clientId)}/policy/live`))
    } catch (err) {
      if (err instanceof ApiError && (err.status === 404 || err.status === 409)) return null
      throw err
    }
  },
  diff: async (api: ApiClient, clientId: string, a: number, b: number) =>
    summarizeDiff(await api.get(`${base(clientId)}/policy/versions/${a}/diff/${b}`)),
  save: async (api: ApiClient, clientId: string, document: unknown, comment: string) =>
    adaptVersion(await api.post(`${base(clientId)}/policy/versions`, { document, comment })),
  saveRaw: (api: ApiClient, clientId: string, document: unknown, comment: string) =>
    api.post(`${base(clientId)}/policy/versions`, { document, comment }),
  publish: (api: ApiClient, clientId: string, v: number, comment: string) =>
    api.post(`${base(clientId)}/policy/versions/${v}/publish`, { comment }),
}

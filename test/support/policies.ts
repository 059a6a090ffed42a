import { policyFactory } from './factories.js'
import type { Harness } from './harness.js'

/** Saves `document` (default policyFactory()) as a new version and publishes it; returns the version. */
export async function publishPolicy(
  h: Harness,
  clientId: string,
  document: Record<string, unknown> = policyFactory(),
): Promise<number> {
  const saved = await h.request('POST', `/v1/clients/${clientId}/policy/versions`, {
    key: h.adminKey,
    body: { document, comment: 'test' },
  })
  if (saved.status !== 201) throw new Error(`save failed: ${saved.status} ${saved.text}`)
  const published = await h.request(
    'POST',
    `/v1/clients/${clientId}/policy/versions/${saved.body.version}/publish`,
    {
      key: h.adminKey,
      body: { comment: 'test' },
    },
  )
  if (published.status !== 200) throw new Error(`publish failed: ${published.status} ${published.text}`)
  return saved.body.version
}

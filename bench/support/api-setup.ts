import { readFileSync } from 'node:fs'
import type { PolicyDocument } from '../../engine/src/policy/policy.types.js'
import { BENCH_CATALOG, BENCH_MANAGED_LISTS } from './bench-catalog.js'

export const BENCH_CLIENT = 'bench'

export function benchPolicy(): PolicyDocument {
  return JSON.parse(readFileSync(new URL('./bench-policy.json', import.meta.url), 'utf8')) as PolicyDocument
}

async function call(baseUrl: string, key: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  const text = await res.text()
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text}`)
  return text ? JSON.parse(text) : undefined
}

/**
 * Through the public API, as an operator would: a client, an integrator key, the 30+-rule bench
 * policy saved and published, the bench catalog and the managed lists the policy reads.
 */
export async function setUpClient(baseUrl: string, adminKey: string): Promise<{ integratorKey: string }> {
  await call(baseUrl, adminKey, 'POST', '/v1/clients', { id: BENCH_CLIENT, name: 'Bench Co' })
  const base = `/v1/clients/${BENCH_CLIENT}`
  const { key: integratorKey } = await call(baseUrl, adminKey, 'POST', `${base}/api-keys`, {
    name: 'bench integrator',
    role: 'integrator',
  })
  const saved = await call(baseUrl, adminKey, 'POST', `${base}/policy/versions`, {
    document: benchPolicy(),
    comment: 'bench',
  })
  await call(baseUrl, adminKey, 'POST', `${base}/policy/versions/${saved.version}/publish`, {
    comment: 'bench',
  })
  await call(baseUrl, adminKey, 'PUT', `${base}/catalog`, BENCH_CATALOG)
  for (const [name, values] of BENCH_MANAGED_LISTS) {
    await call(baseUrl, adminKey, 'PUT', `${base}/lists/${name}`, {
      description: 'bench',
      items: [...values],
    })
  }
  return { integratorKey }
}

/** Decisions stored for the bench client, counted by paging the API (PGlite has no second door). */
export async function countDecisionsViaApi(baseUrl: string, key: string): Promise<number> {
  let count = 0
  let cursor: string | null = null
  do {
    const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''
    const page = await call(baseUrl, key, 'GET', `/v1/clients/${BENCH_CLIENT}/decisions?limit=500${query}`)
    count += page.data.length
    cursor = page.nextCursor
  } while (cursor)
  return count
}

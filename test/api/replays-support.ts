import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createApp } from '../../api/src/app.js'
import type { AppDeps } from '../../api/src/context.js'
import type { ReplayDeps } from '../../api/src/replays/replays.routes.js'
import { createClientWithKeys } from '../support/factories.js'
import type { Harness } from '../support/harness.js'

type Json = any

const RULES = join(import.meta.dirname, '../../rules')
const read = (file: string) => JSON.parse(readFileSync(join(RULES, file), 'utf8'))

export const acmePolicy = (): Json => read('acme-apparel.policy.json')
export const acmeCatalog = (): Json[] => read('acme-apparel.catalog.json')
export const acmeLists = (): Record<string, { description: string; items: string[] }> =>
  read('acme-apparel.lists.json')

/** The acme sample orders (rules/acme-apparel.samples), as templates. */
export function acmeSampleOrders(): Json[] {
  const dir = join(RULES, 'acme-apparel.samples')
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')).order)
}

async function ok(res: Promise<{ status: number; body: Json; text: string }>, status: number, what: string) {
  const r = await res
  if (r.status !== status) throw new Error(`${what}: expected ${status}, got ${r.status} ${r.text}`)
  return r.body
}

/** A client with one key per role, the acme catalog and lists, and `policy` saved and published. */
export async function setupClient(h: Harness, policy: Json = acmePolicy()) {
  const client = await createClientWithKeys(h)
  const { clientId, keys } = client
  await ok(
    h.request('PUT', `/v1/clients/${clientId}/catalog`, { key: keys.admin, body: acmeCatalog() }),
    200,
    'catalog',
  )
  for (const [name, list] of Object.entries(acmeLists())) {
    const res = await h.request('PUT', `/v1/clients/${clientId}/lists/${name}`, {
      key: keys.admin,
      body: list,
    })
    if (res.status !== 200 && res.status !== 201) throw new Error(`list ${name}: ${res.status} ${res.text}`)
  }
  const version = await saveVersion(h, clientId, keys.analyst, policy)
  await ok(
    h.request('POST', `/v1/clients/${clientId}/policy/versions/${version}/publish`, {
      key: keys.publisher,
      body: { comment: 'live' },
    }),
    200,
    'publish',
  )
  return { ...client, liveVersion: version }
}

export async function saveVersion(
  h: Harness,
  clientId: string,
  key: string,
  document: Json,
): Promise<number> {
  const body = await ok(
    h.request('POST', `/v1/clients/${clientId}/policy/versions`, {
      key,
      body: { document, comment: 'test' },
    }),
    201,
    'save version',
  )
  return body.version
}

export async function evaluate(h: Harness, clientId: string, key: string, order: Json): Promise<Json> {
  return ok(
    h.request('POST', `/v1/clients/${clientId}/orders/evaluate`, { key, body: order }),
    200,
    `evaluate ${order.id}`,
  )
}

export async function importOrders(h: Harness, clientId: string, key: string, lines: Json[]) {
  return ok(
    h.request('POST', `/v1/clients/${clientId}/orders/import`, {
      key,
      body: lines.map((l) => JSON.stringify(l)).join('\n'),
      headers: { 'content-type': 'application/x-ndjson' },
    }),
    200,
    'import',
  )
}

/** Starts a replay and polls until it is no longer queued or running. */
export async function runReplay(h: Harness, clientId: string, key: string, body: Json, timeoutMs = 60_000) {
  const started = await ok(
    h.request('POST', `/v1/clients/${clientId}/replays`, { key, body }),
    202,
    'start replay',
  )
  return waitForReplay(h, clientId, key, started.replayId, timeoutMs)
}

export async function waitForReplay(
  h: Harness,
  clientId: string,
  key: string,
  replayId: string,
  timeoutMs = 60_000,
) {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const replay = await ok(
      h.request('GET', `/v1/clients/${clientId}/replays/${replayId}`, { key }),
      200,
      'get replay',
    )
    if (replay.status !== 'queued' && replay.status !== 'running') return replay
    if (Date.now() > deadline)
      throw new Error(`replay ${replayId} still ${replay.status} after ${timeoutMs} ms`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

/** Every replayed order (all pages), keyed by order id. */
export async function replayOrders(
  h: Harness,
  clientId: string,
  key: string,
  replayId: string,
  changed = false,
) {
  const out = new Map<string, Json>()
  let cursor: string | null = null
  do {
    const query = new URLSearchParams({
      limit: '7',
      ...(changed ? { changed: 'true' } : {}),
      ...(cursor ? { cursor } : {}),
    })
    const page = await ok(
      h.request('GET', `/v1/clients/${clientId}/replays/${replayId}/orders?${query}`, { key }),
      200,
      'replay orders',
    )
    for (const row of page.data) out.set(row.orderId, row)
    cursor = page.nextCursor
  } while (cursor)
  return out
}

/** A copy of `template` with a new id, creation time and any overrides (deep-merged one level). */
export function variant(template: Json, id: string, createdAt: string, over: Json = {}): Json {
  const order = structuredClone(template)
  order.id = id
  order.createdAt = createdAt
  for (const [k, v] of Object.entries(over)) {
    order[k] = v && typeof v === 'object' && !Array.isArray(v) ? { ...order[k], ...v } : v
  }
  return order
}

/**
 * A second app on the harness database with replay options (chunk size, scheduler), so tests can
 * split one replay into many chunks. Requests go through the same in-process `app.request`.
 */
export function replayHarness(h: Harness, deps: ReplayDeps): Harness {
  const app = createApp({ db: h.db, env: { ADMIN_API_KEY: h.adminKey }, ...deps } as AppDeps)
  const request: Harness['request'] = async (method, path, options = {}) => {
    const headers: Record<string, string> = { ...options.headers }
    if (options.key) headers.authorization = `Bearer ${options.key}`
    let body: string | undefined
    if (options.body !== undefined) {
      body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body)
      headers['content-type'] ??= 'application/json'
    }
    const res = await app.request(path, { method, headers, ...(body !== undefined ? { body } : {}) })
    const text = await res.text()
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined, text }
  }
  return { app, db: h.db, kind: h.kind, adminKey: h.adminKey, request, close: async () => {} }
}

import { randomBytes } from 'node:crypto'
import { type Kysely, sql } from 'kysely'
import { afterAll, beforeAll } from 'vitest'
import { createApp } from '../../api/src/app.js'
import { createDatabase, type DatabaseHandle } from '../../api/src/db/database.js'
import type { Database } from '../../api/src/db/tables.js'
import type { Env } from '../../api/src/env.js'
import { migrateToLatest } from '../../migrations/index.js'

/**
 * A fresh, migrated database per test file, and the app built on it.
 * - Default: PGlite in memory (nothing to install, ~0.3 s).
 * - TEST_DATABASE_URL set (CI: postgres://postgres@127.0.0.1:5432/test): a uniquely named database
 *   is created on that server, migrated, and dropped when the file is done.
 *
 * Usage in a test file:
 *   const h = useHarness()            // registers beforeAll/afterAll
 *   it('…', async () => { const res = await h.request('GET', '/v1/clients', { key: h.adminKey }) })
 */
export interface Harness {
  app: ReturnType<typeof createApp>
  db: Kysely<Database>
  kind: DatabaseHandle['kind']
  adminKey: string
  request(method: string, path: string, options?: RequestOptions): Promise<TestResponse>
  close(): Promise<void>
}

export interface RequestOptions {
  key?: string
  /** Serialised with JSON.stringify unless it is already a string or bytes (to send malformed JSON). */
  body?: unknown
  headers?: Record<string, string>
}

export interface TestResponse {
  status: number
  headers: Headers
  body: any
  text: string
}

export async function openTestDatabase(): Promise<{ handle: DatabaseHandle; drop: () => Promise<void> }> {
  const serverUrl = process.env.TEST_DATABASE_URL
  if (!serverUrl) {
    const handle = await createDatabase({ dataDir: 'memory://' })
    await migrateToLatest(handle.db)
    return { handle, drop: () => handle.close() }
  }
  const name = `verdict_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`
  const admin = await createDatabase({ url: serverUrl, maxConnections: 1 })
  await sql.raw(`create database ${name}`).execute(admin.db)
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  const handle = await createDatabase({ url: url.toString(), maxConnections: 8 })
  await migrateToLatest(handle.db)
  return {
    handle,
    drop: async () => {
      await handle.close()
      await sql.raw(`drop database if exists ${name} with (force)`).execute(admin.db)
      await admin.close()
    },
  }
}

/** `env`: settings beyond the admin key (e.g. a small RATE_LIMIT_PER_MINUTE). */
export async function createHarness(env: Partial<Env> = {}): Promise<Harness> {
  const { handle, drop } = await openTestDatabase()
  const adminKey = `test-admin-${randomBytes(16).toString('hex')}`
  const app = createApp({ db: handle.db, env: { ...env, ADMIN_API_KEY: adminKey } })
  return {
    app,
    db: handle.db,
    kind: handle.kind,
    adminKey,
    request: (method, path, options = {}) => send(app, method, path, options),
    close: drop,
  }
}

async function send(
  app: { request: (path: string, init: RequestInit) => Response | Promise<Response> },
  method: string,
  path: string,
  options: RequestOptions,
): Promise<TestResponse> {
  const headers: Record<string, string> = { ...options.headers }
  if (options.key) headers.authorization = `Bearer ${options.key}`
  let body: string | Uint8Array<ArrayBuffer> | undefined
  if (options.body !== undefined) {
    body =
      typeof options.body === 'string' || options.body instanceof Uint8Array
        ? (options.body as string | Uint8Array<ArrayBuffer>)
        : JSON.stringify(options.body)
    headers['content-type'] ??= 'application/json'
  }
  const response = await app.request(path, { method, headers, ...(body !== undefined ? { body } : {}) })
  const text = await response.text()
  let parsed: unknown
  try {
    parsed = text ? JSON.parse(text) : undefined
  } catch {
    parsed = undefined
  }
  return { status: response.status, headers: response.headers, body: parsed, text }
}

/** Registers beforeAll/afterAll for the file and returns the harness (usable inside tests). */
export function useHarness(env: Partial<Env> = {}): Harness {
  let current: Harness | undefined
  beforeAll(async () => {
    current = await createHarness(env)
  })
  afterAll(async () => {
    await current?.close()
  })
  const get = (): Harness => {
    if (!current) throw new Error('harness is used before beforeAll ran')
    return current
  }
  return {
    get app() {
      return get().app
    },
    get db() {
      return get().db
    },
    get kind() {
      return get().kind
    },
    get adminKey() {
      return get().adminKey
    },
    request: (method, path, options) => get().request(method, path, options),
    close: () => get().close(),
  }
}

import type { Kysely } from 'kysely'
import { expect } from 'vitest'
import { createApp } from '../../api/src/app.js'
import type { Database } from '../../api/src/db/tables.js'
import { migrateToLatest } from '../../migrations/index.js'

type App = ReturnType<typeof createApp>

/** The API over a fresh database (migrated here) holding one client, `clientId`. */
export async function appWithClient(db: Kysely<Database>, clientId: string) {
  await migrateToLatest(db)
  const key = `test-admin-${clientId}`
  const app = createApp({ db, env: { ADMIN_API_KEY: key, RATE_LIMIT_PER_MINUTE: 0 } })
  const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' }
  const created = await app.request('/v1/clients', {
    method: 'POST',
    headers,
    body: JSON.stringify({ id: clientId, name: clientId }),
  })
  expect(created.status).toBe(201)
  return { app, headers }
}

/**
 * `workers` clients that call the API (the client and the client list, in turn) until stopped, for
 * a database outage to happen under; stop() answers the count of each status. A request still
 * waiting after `waitMs` is counted as 'waiting', not awaited: the run goes on to count the others.
 */
export function keepCalling(
  { app, headers }: { app: App; headers: Record<string, string> },
  clientId: string,
  options: { workers: number; waitMs: number; pauseMs?: number },
) {
  let stop = false
  const answers = new Map<string, number>()
  const worker = async (w: number) => {
    while (!stop) {
      const path = w % 2 ? `/v1/clients/${clientId}` : '/v1/clients'
      const status = await Promise.race([
        Promise.resolve(app.request(path, { headers })).then((r) => String(r.status)),
        new Promise<string>((resolve) => setTimeout(() => resolve('waiting'), options.waitMs)),
      ])
      answers.set(status, (answers.get(status) ?? 0) + 1)
      if (options.pauseMs) await new Promise((resolve) => setTimeout(resolve, options.pauseMs))
    }
  }
  const running = Array.from({ length: options.workers }, (_, w) => worker(w))
  return {
    async stop() {
      stop = true
      await Promise.all(running)
      return answers
    },
  }
}

/** Only 200 and 503 (none waiting), some 503, and a 200 once the database is back. */
export async function expectServedThroughOutage(
  label: string,
  answers: Map<string, number>,
  { app, headers }: { app: App; headers: Record<string, string> },
) {
  console.info(`[${label}] answers: ${JSON.stringify(Object.fromEntries(answers))}`)
  expect([...answers.keys()].filter((s) => s !== '200' && s !== '503')).toEqual([])
  expect(answers.get('503') ?? 0).toBeGreaterThan(0)
  expect((await app.request('/v1/clients', { headers })).status).toBe(200)
}

import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { createApp } from '../../api/src/app.js'
import { createDatabase } from '../../api/src/db/database.js'
import { migrateToLatest } from '../../migrations/index.js'

// A database closed to new connections (during a restore: `allow_connections false`, its sessions
// ended) refuses each connect with SQLSTATE 55000. The API answers 503 meanwhile, leaves no request
// waiting (postgres.js 3.4.9 stranded reservations there before patches/postgres@3.4.9.patch), and
// answers 200 again once the database reopens.
const server = process.env.TEST_DATABASE_URL

describe.runIf(server)('a database closed to new connections under load', () => {
  it('answers 503 while it is closed, leaves no request waiting, and 200 once it reopens', async () => {
    const admin = await createDatabase({ url: server!, maxConnections: 1 })
    const name = `verdict_closed_${Date.now().toString(36)}`
    await sql.raw(`create database ${name}`).execute(admin.db)
    const url = new URL(server!)
    url.pathname = `/${name}`
    const handle = await createDatabase({ url: url.toString(), maxConnections: 4 })
    try {
      await migrateToLatest(handle.db)
      const key = 'test-admin-database-closed'
      const app = createApp({ db: handle.db, env: { ADMIN_API_KEY: key, RATE_LIMIT_PER_MINUTE: 0 } })
      const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' }
      const created = await app.request('/v1/clients', {
        method: 'POST',
        headers,
        body: JSON.stringify({ id: 'closed', name: 'Closed' }),
      })
      expect(created.status).toBe(201)

      let stop = false
      const answers = new Map<string, number>()
      const worker = async (w: number) => {
        while (!stop) {
          const status = await Promise.race([
            Promise.resolve(app.request(w % 2 ? '/v1/clients/closed' : '/v1/clients', { headers })).then(
              (r) => String(r.status),
            ),
            new Promise<string>((resolve) => setTimeout(() => resolve('waiting'), 10_000)),
          ])
          answers.set(status, (answers.get(status) ?? 0) + 1)
          await new Promise((resolve) => setTimeout(resolve, 10))
        }
      }
      const workers = Array.from({ length: 8 }, (_, w) => worker(w))
      for (let round = 0; round < 2; round++) {
        await new Promise((resolve) => setTimeout(resolve, 500))
        await sql.raw(`alter database ${name} allow_connections false`).execute(admin.db)
        await sql
          .raw(`select pg_terminate_backend(pid) from pg_stat_activity where datname = '${name}'`)
          .execute(admin.db)
        await new Promise((resolve) => setTimeout(resolve, 1500))
        await sql.raw(`alter database ${name} allow_connections true`).execute(admin.db)
      }
      await new Promise((resolve) => setTimeout(resolve, 2000))
      stop = true
      await Promise.all(workers)

      console.info(`[database closed] answers: ${JSON.stringify(Object.fromEntries(answers))}`)
      expect([...answers.keys()].filter((s) => s !== '200' && s !== '503')).toEqual([])
      expect(answers.get('503') ?? 0).toBeGreaterThan(0)
      expect((await app.request('/v1/clients', { headers })).status).toBe(200)
    } finally {
      await handle.close()
      await sql.raw(`drop database if exists ${name} with (force)`).execute(admin.db)
      await admin.close()
    }
  }, 60_000)
})

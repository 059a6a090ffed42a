import { sql } from 'kysely'
import { describe, it } from 'vitest'
import { createDatabase } from '../../api/src/db/database.js'
import { appWithClient, expectServedThroughOutage, keepCalling } from '../support/outage-load.js'

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
      const api = await appWithClient(handle.db, 'closed')
      const load = keepCalling(api, 'closed', { workers: 8, waitMs: 10_000, pauseMs: 10 })
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
      await expectServedThroughOutage('database closed', await load.stop(), api)
    } finally {
      await handle.close()
      await sql.raw(`drop database if exists ${name} with (force)`).execute(admin.db)
      await admin.close()
    }
  }, 60_000)
})

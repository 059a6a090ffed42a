import postgres from 'postgres'
import { describe, expect, it } from 'vitest'
import { startTcpProxy } from '../support/tcp-proxy.js'

// After a TCP reset, a socket emits 'error' at once but 'close' only once its handle has closed, and
// the callers of the queries that the error failed run in between. postgres.js 3.4.9 let them use
// the connection again, and a query written then was failed by nothing: it waited for good (about
// one request in 2,000–6,000 in test/api/database-cut.test.ts), and the connection, reconnected,
// waited for its answer too. patches/postgres@3.4.9.patch fails it with the connection.
const server = process.env.TEST_DATABASE_URL
const within = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([promise, new Promise<string>((resolve) => setTimeout(() => resolve('still waiting'), ms))])

describe.runIf(server)('a query sent while a reset PostgreSQL connection closes', () => {
  it('fails on a reserved connection instead of waiting forever, and the next one is answered', async () => {
    const target = new URL(server!)
    const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) })
    const url = new URL(target)
    url.port = String(proxy.port)
    const sql = postgres(url.toString(), { max: 1, onnotice: () => {} })
    try {
      const reserved = await sql.reserve()
      const slow = reserved`select pg_sleep(5)`.execute()
      await new Promise((resolve) => setTimeout(resolve, 200))
      proxy.reset()
      const retried = slow.then(
        () => 'the slow query was answered',
        (error) => {
          expect(error.code).toBe('ECONNRESET')
          // Runs before the socket's 'close': the connection still looks reserved and alive.
          return reserved`select 1 as x`.then(
            () => 'answered',
            (e) => e.code,
          )
        },
      )
      expect(await within(retried, 3000)).toBe('CONNECTION_CLOSED')
      reserved.release()
      expect(await within(sql`select 2 as x`, 3000)).toEqual([{ x: 2 }])
    } finally {
      await sql.end({ timeout: 1 })
      await proxy.close()
    }
  })

  it('fails on a pooled connection instead of waiting forever, and the next one is answered', async () => {
    const target = new URL(server!)
    const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) })
    const url = new URL(target)
    url.port = String(proxy.port)
    const sql = postgres(url.toString(), { max: 1, onnotice: () => {} })
    try {
      await sql`select 0`
      const slow = sql`select pg_sleep(5)`.execute()
      await new Promise((resolve) => setTimeout(resolve, 200))
      proxy.reset()
      const retried = slow.then(
        () => 'the slow query was answered',
        (error) => {
          expect(error.code).toBe('ECONNRESET')
          return sql`select 1 as x`.then(
            () => 'answered',
            (e) => e.code,
          )
        },
      )
      expect(await within(retried, 3000)).toBe('CONNECTION_CLOSED')
      expect(await within(sql`select 2 as x`, 3000)).toEqual([{ x: 2 }])
    } finally {
      await sql.end({ timeout: 1 })
      await proxy.close()
    }
  })
})

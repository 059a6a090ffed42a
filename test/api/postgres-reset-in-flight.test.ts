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

type Sql = ReturnType<typeof postgres>

/**
 * Resets the connection under a running `select pg_sleep(5)` sent on what `open` gives and, in the failed
 * query's handler (before the socket's 'close'), sends `select 1` the same way. Answers what became
 * of that second query; a `select 2` on the pool is then answered.
 */
async function queryAfterReset(open: (sql: Sql) => Promise<{ via: Sql; release?: () => void }>) {
  const target = new URL(server!)
  const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) })
  const url = new URL(target)
  url.port = String(proxy.port)
  const sql = postgres(url.toString(), { max: 1, onnotice: () => {} })
  try {
    const { via, release } = await open(sql)
    const slow = via`select pg_sleep(5)`.execute()
    await new Promise((resolve) => setTimeout(resolve, 200))
    proxy.reset()
    const retried = slow.then(
      () => 'the slow query was answered',
      (error) => {
        expect(error.code).toBe('ECONNRESET')
        return via`select 1 as x`.then(
          () => 'answered',
          (e) => e.code,
        )
      },
    )
    const outcome = await within(retried, 3000)
    release?.()
    expect(await within(sql`select 2 as x`, 3000)).toEqual([{ x: 2 }])
    return outcome
  } finally {
    await sql.end({ timeout: 1 })
    await proxy.close()
  }
}

describe.runIf(server)('a query sent while a reset PostgreSQL connection closes', () => {
  it('fails on a reserved connection instead of waiting forever, and the next one is answered', async () => {
    const outcome = await queryAfterReset(async (sql) => {
      const reserved = await sql.reserve()
      return { via: reserved, release: () => reserved.release() }
    })
    expect(outcome).toBe('CONNECTION_CLOSED')
  })

  it('fails on a pooled connection instead of waiting forever, and the next one is answered', async () => {
    const outcome = await queryAfterReset(async (sql) => {
      await sql`select 0` // connected before the slow query, so that the reset lands under it
      return { via: sql }
    })
    expect(outcome).toBe('CONNECTION_CLOSED')
  })
})

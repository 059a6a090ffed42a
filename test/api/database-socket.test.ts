import { existsSync } from 'node:fs'
import { type AddressInfo, connect as connectTcp, createServer, Socket } from 'node:net'
import { sql } from 'kysely'
import { describe, expect, it, vi } from 'vitest'
import { createDatabase, postgresTarget } from '../../api/src/db/database.js'

// DATABASE_URL=postgres://…?host=/dir (libpq's form, which pg-boss's driver reads too) reaches the
// server through its Unix socket; postgres.js needs it as an option, not as a startup setting.
describe('PostgreSQL over a Unix socket', () => {
  it('takes ?host=/dir as the socket directory and leaves TCP URLs alone', () => {
    expect(postgresTarget('postgres://u@127.0.0.1:5432/db?host=/var/run/postgresql&x=1')).toEqual({
      url: 'postgres://u@127.0.0.1:5432/db?x=1',
      socketDir: '/var/run/postgresql',
    })
    expect(postgresTarget('postgres://u@127.0.0.1:5432/db')).toEqual({
      url: 'postgres://u@127.0.0.1:5432/db',
    })
    expect(postgresTarget('postgres://u@db.example:5432/db?host=db2')).toEqual({
      url: 'postgres://u@db.example:5432/db?host=db2',
    })
  })

  const url = process.env.TEST_DATABASE_URL
  const port = url ? new URL(url).port || '5432' : '5432'
  const dir = '/var/run/postgresql'
  it.runIf(url && existsSync(`${dir}/.s.PGSQL.${port}`))('connects through the socket', async () => {
    const target = new URL(url!)
    target.searchParams.set('host', dir)
    const handle = await createDatabase({ url: target.toString(), maxConnections: 1 })
    try {
      const { rows } = await sql<{ addr: string | null }>`select inet_client_addr() as addr`.execute(
        handle.db,
      )
      expect(rows).toEqual([{ addr: null }])
    } finally {
      await handle.close()
    }
  })
})

// postgres.js leaves Nagle's algorithm on; the sockets it gets from openPostgresSocket have it off.
describe('PostgreSQL sockets', () => {
  const url = process.env.TEST_DATABASE_URL
  it.runIf(url)('are TCP_NODELAY', async () => {
    const spy = vi.spyOn(Socket.prototype, 'setNoDelay')
    const handle = await createDatabase({ url: url!, maxConnections: 1 })
    try {
      await sql`select 1`.execute(handle.db)
      expect(spy).toHaveBeenCalledWith(true)
    } finally {
      spy.mockRestore()
      await handle.close()
    }
  })

  it.runIf(url)(
    'answer again once the server is back after refused connects (none left hanging)',
    async () => {
      const target = new URL(url!)
      const free = createServer()
      await new Promise<void>((r) => free.listen(0, '127.0.0.1', r))
      const { port: proxyPort } = free.address() as AddressInfo
      await new Promise<void>((r) => free.close(() => r()))
      const viaProxy = new URL(url!)
      viaProxy.hostname = '127.0.0.1'
      viaProxy.port = String(proxyPort)
      const handle = await createDatabase({ url: viaProxy.toString(), maxConnections: 2 })
      // A settled-or-not probe: a query that neither answers nor fails within 10 s is hanging.
      const settles = (query: Promise<unknown>) =>
        Promise.race([
          query.then(
            () => 'answered',
            () => 'failed',
          ),
          new Promise((r) => setTimeout(() => r('hanging'), 10_000).unref()),
        ])
      const proxy = createServer((client) => {
        const server = connectTcp(Number(target.port || 5432), target.hostname)
        client.pipe(server).pipe(client)
        client.on('error', () => server.destroy())
        server.on('error', () => client.destroy())
      })
      try {
        // Nothing listens yet: every query fails, more of them than the pool has connections.
        for (let i = 0; i < 6; i++) expect(await settles(sql`select 1`.execute(handle.db))).toBe('failed')
        await new Promise<void>((r) => proxy.listen(proxyPort, '127.0.0.1', r))
        // postgres.js 3.4.9 lost the first reservation made after the outage (it hung); patched, none.
        const after: unknown[] = []
        for (let i = 0; i < 3; i++) after.push(await settles(sql`select 1`.execute(handle.db)))
        expect(after).toEqual(['answered', 'answered', 'answered'])
      } finally {
        await handle.close()
        proxy.close()
      }
    },
    60_000,
  )

  it('fail a query at once when nothing listens (no hang)', async () => {
    const closed = createServer()
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r))
    const { port } = closed.address() as AddressInfo
    await new Promise<void>((r) => closed.close(() => r()))
    const handle = await createDatabase({ url: `postgres://u@127.0.0.1:${port}/db`, maxConnections: 1 })
    try {
      await expect(sql`select 1`.execute(handle.db)).rejects.toThrow(/ECONNREFUSED/)
    } finally {
      await handle.close()
    }
  })
})

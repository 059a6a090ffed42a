import { spawnSync } from 'node:child_process'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

// postgres.js 3.4.9 starts every connection with a query for the array types, and dropped that
// query's promise: when the connection broke during it, the rejection went unhandled and Node ended
// the process (the API, in a database failover; upstream issues #1192, #1205, #1223). When the server
// ended the connection with an error there, the driver reconnected but failed the caller's query
// with the old connection's error. And the first query of a connection that fetched the types ran
// before they were added, so its array parameters were written wrong (22P02).
// patches/postgres@3.4.9.patch handles all three. Run in a child
// process, because an unhandled rejection there ends it, as it would end the API.
const server = process.env.TEST_DATABASE_URL
const ENTRY = resolve(import.meta.dirname, '../support/startup-failure-entry.mjs')

function run(failure: 'none' | 'reset' | 'terminate') {
  const child = spawnSync(process.execPath, [ENTRY], {
    cwd: resolve(import.meta.dirname, '../../api'),
    env: { ...process.env, STARTUP_FAILURE_URL: server, FAILURE: failure },
    encoding: 'utf8',
    timeout: 30_000,
  })
  expect(child.status, child.stderr).toBe(0)
  const line = child.stdout.split('\n').find((l) => l.startsWith('RESULT '))
  return JSON.parse(line!.slice('RESULT '.length))
}

describe.runIf(server)('a PostgreSQL connection that breaks while it starts', () => {
  it('writes the array parameters of the first query with the types fetched for it', () => {
    const result = run('none')
    expect(result.broken).toBe(false)
    expect(result.first).toEqual({ ok: [{ a: [1, 2] }] })
    expect(result.second).toEqual({ ok: [{ a: [1, 2] }] })
  })

  it('fails the waiting query on a reset, without an unhandled rejection, and serves the next', () => {
    const result = run('reset')
    expect(result.broken).toBe(true)
    expect(result.first).toEqual({ error: 'ECONNRESET' })
    expect(result.second).toEqual({ ok: [{ a: [1, 2] }] })
  })

  it('reconnects when the server ends it with an error, and answers on the new connection', () => {
    const result = run('terminate')
    expect(result.broken).toBe(true)
    expect(result.first).toEqual({ ok: [{ a: [1, 2] }] })
    expect(result.second).toEqual({ ok: [{ a: [1, 2] }] })
  })
})

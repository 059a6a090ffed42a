import { describe, expect, it, vi } from 'vitest'
import { startBoss } from '../../api/src/replays/replay-queue.js'
import { startTcpProxy } from '../support/tcp-proxy.js'
import { freshServerDatabase } from './replays-workers-support.js'

// issue #3 asks for structured JSON logs. pg-boss reports a lost connection as 'error' events, which
// went to stderr as multi-line dumps (its pg client's settings included); the API now hands them to
// its JSON logger (api/src/index.ts), through BossOptions.onError.
const serverUrl = process.env.TEST_DATABASE_URL

describe.runIf(serverUrl)('the replay queue loses its database', () => {
  it('hands pg-boss errors to onError and writes nothing to stderr', async () => {
    const db = await freshServerDatabase(serverUrl!)
    const target = new URL(db.url)
    const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) })
    const viaProxy = new URL(db.url)
    viaProxy.port = String(proxy.port)
    const errors: Error[] = []
    const stderr = vi.spyOn(process.stderr, 'write')
    const consoleError = vi.spyOn(console, 'error')
    const boss = await startBoss(viaProxy.toString(), {
      superviseIntervalSeconds: 1,
      onError: (error) => errors.push(error),
    })
    try {
      await proxy.cut()
      await expect.poll(() => errors.length, { timeout: 15_000 }).toBeGreaterThan(0)
      expect(errors[0]).toBeInstanceOf(Error)
      expect(consoleError).not.toHaveBeenCalled()
      expect(stderr.mock.calls.filter(([chunk]) => String(chunk).includes('pg-boss'))).toEqual([])
    } finally {
      stderr.mockRestore()
      consoleError.mockRestore()
      await proxy.restore()
      await boss.stop({ graceful: false, timeout: 2_000 }).catch(() => {})
      await proxy.close()
      await db.drop()
    }
  }, 40_000)
})

import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DatabaseHandle } from '../../api/src/db/database.js'
import { formatWal, walPosition } from '../../bench/support/wal.js'
import { openTestDatabase } from '../support/harness.js'

// bench:api's WAL written per decision: the server's WAL position before and after a phase.
describe('WAL per decision', () => {
  let handle: DatabaseHandle
  let drop: () => Promise<void>
  beforeAll(async () => {
    ;({ handle, drop } = await openTestDatabase())
  })
  afterAll(() => drop())

  it('reads a WAL position that moves forward by about what a write logs', async () => {
    const before = await walPosition(handle.db)
    await sql`create table wal_probe (body text)`.execute(handle.db)
    await sql`insert into wal_probe select repeat('x', 1000) from generate_series(1, 50)`.execute(handle.db)
    const after = await walPosition(handle.db)
    expect(before).not.toBeNull()
    expect(after! - before!).toBeGreaterThan(50 * 1000)
  })

  it('divides by the decisions and says n/a without a server', () => {
    expect(formatWal(1_000_000, 1_000_000 + 10 * 7 * 1024, 10)).toBe('WAL 7.00 KB/decision')
    expect(formatWal(null, null, 10)).toBe('WAL n/a')
    expect(formatWal(0, 100, 0)).toBe('WAL n/a')
  })
})

import { spawnSync } from 'node:child_process'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

// postgres.js 3.4.9 assigned two arrow functions to every query in its constructor (`this.resolve =
// x => …`). V8 (Node 20) allocates such closures in the OLD generation, and a scavenge treats every
// old-to-young pointer as a root, so every query and the rows it answered survived young-generation
// collections until the next full one: in the API, ~1.3 MB promoted per second at 500 decisions/s,
// and scavenges of 6–13 ms (docs/performance.md, session 16). patches/postgres@3.4.9.patch makes
// them prototype methods. Measured here in a child process with --trace-gc-nvp: of ~32 MB of rows
// that the caller drops as soon as they arrive, how much the scavenges promoted (before the patch
// ~80 %, after it ~2 %).
const server = process.env.TEST_DATABASE_URL
const ENTRY = resolve(import.meta.dirname, '../support/young-rows-entry.mjs')

describe.runIf(server)('postgres.js answers under young-generation collection', () => {
  it('lets the rows of a finished query die young instead of being promoted', () => {
    const queries = 4000
    const run = spawnSync(process.execPath, ['--trace-gc-nvp', '--max-semi-space-size=16', ENTRY], {
      cwd: resolve(import.meta.dirname, '../../api'),
      env: { ...process.env, YOUNG_ROWS_URL: server, YOUNG_ROWS_QUERIES: String(queries) },
      encoding: 'utf8',
      timeout: 60_000,
    })
    expect(run.status, run.stderr).toBe(0)
    expect(run.stdout).toContain(`ANSWERED ${queries}`)
    const scavenges = run.stdout.split('\n').filter((line) => line.includes('gc=s '))
    expect(scavenges.length).toBeGreaterThan(3)
    const promoted = scavenges.reduce((sum, line) => sum + Number(/ promoted=(\d+)/.exec(line)?.[1] ?? 0), 0)
    const rowBytes = queries * 8000
    expect(promoted / rowBytes).toBeLessThan(0.2)
  })
})

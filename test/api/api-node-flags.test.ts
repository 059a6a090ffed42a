import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { API_NODE_FLAGS } from '../../bench/support/api-server.js'

// `pnpm start` and the bench's API process run node with the same flags, so bench:api measures what
// production runs: a 64 MB young generation, no allocation-site pretenuring and no memory reducer
// (docs/performance.md).
describe('API node flags', () => {
  const start: string = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'))
    .scripts.start

  it('pnpm start runs the API with exactly the bench flags', () => {
    const command = start.slice(start.lastIndexOf('tsx ')).split(' ')
    expect(command).toEqual(['tsx', ...API_NODE_FLAGS, 'api/src/index.ts'])
  })

  it('keeps request garbage out of the old generation', () => {
    expect(API_NODE_FLAGS).toContain('--no-allocation-site-pretenuring')
    expect(API_NODE_FLAGS).toContain('--max-semi-space-size=64')
  })

  it('keeps the heap it grew instead of shrinking it with mark-compacts when traffic falls', () => {
    expect(API_NODE_FLAGS).toContain('--no-memory-reducer')
  })
})

import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { adminKeyLines, resolveAdminKey } from '../../api/src/admin-key.js'

describe('the bootstrap admin key', () => {
  it('is generated once, kept in the data directory and shown at start', () => {
    const dir = mkdtempSync(join(tmpdir(), 'verdict-admin-'))
    const first = resolveAdminKey(undefined, dir)
    expect(resolveAdminKey(undefined, dir).key).toBe(first.key)
    expect(readFileSync(join(dir, 'admin-api-key'), 'utf8').trim()).toBe(first.key)
    expect(adminKeyLines(first, 'http://localhost:8787').join('\n')).toContain(first.key)
  })

  it('is not repeated into the console when the operator supplied it in ADMIN_API_KEY', () => {
    const admin = resolveAdminKey(
      'operator-secret-key-0123456789',
      mkdtempSync(join(tmpdir(), 'verdict-admin-')),
    )
    const lines = adminKeyLines(admin, 'http://localhost:8787').join('\n')
    expect(lines).not.toContain('operator-secret-key-0123456789')
    expect(lines).toContain('$ADMIN_API_KEY')
  })
})

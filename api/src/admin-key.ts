import { randomBytes } from 'node:crypto'
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * The bootstrap admin key: ADMIN_API_KEY when set; else the one kept in the data directory from an
 * earlier start; else a new random one, written there (mode 600) so restarts keep it.
 */
export function resolveAdminKey(
  envKey: string | undefined,
  dataDir: string,
): { key: string; source: string } {
  if (envKey) return { key: envKey, source: 'ADMIN_API_KEY' }
  const file = join(dataDir, 'admin-api-key')
  if (existsSync(file)) {
    const kept = readFileSync(file, 'utf8').trim()
    if (kept.length >= 16) return { key: kept, source: file }
  }
  mkdirSync(dataDir, { recursive: true })
  const key = `vk_admin_${randomBytes(24).toString('base64url')}`
  writeFileSync(file, `${key}\n`, { mode: 0o600 })
  chmodSync(file, 0o600)
  return { key, source: `${file} (generated)` }
}

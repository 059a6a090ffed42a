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

/**
 * The start banner's admin-key lines. A generated key is shown (there is no other way to learn it);
 * one the operator supplied in ADMIN_API_KEY is not repeated into the console and its logs.
 */
export function adminKeyLines(admin: { key: string; source: string }, base: string): string[] {
  const fromEnv = admin.source === 'ADMIN_API_KEY'
  const shown = fromEnv ? '(the value of ADMIN_API_KEY)' : admin.key
  const bearer = fromEnv ? '$ADMIN_API_KEY' : admin.key
  return [
    `  Admin key  ${shown}   (from ${admin.source})`,
    `  Try        curl -H "Authorization: Bearer ${bearer}" ${base}/v1/clients`,
  ]
}

import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * The product contract and the conformance corpus: `../shared` beside the repository (the brief's
 * layout; VERDICT_SHARED overrides, and .ci/run sets it for a clone made elsewhere). Read from
 * there, never copied in.
 */
export const SHARED_DIR =
  process.env.VERDICT_SHARED ?? fileURLToPath(new URL('../../../shared', import.meta.url))

export function readShared(relative: string): string {
  return readFileSync(join(SHARED_DIR, relative), 'utf8')
}

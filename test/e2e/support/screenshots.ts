import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { ROOT } from '../../studio/support/studio-build.js'

/**
 * Where the browser suites save their screenshots. Every run keeps them under test-results/
 * (ignored), so running the tests leaves the work tree clean; `UPDATE_SCREENSHOTS=1` writes
 * docs/screenshots instead, the pictures the README shows.
 */
export function screenshotDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.UPDATE_SCREENSHOTS === '1'
    ? join(ROOT, 'docs/screenshots')
    : join(ROOT, 'test-results/screenshots')
}

export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = screenshotDir()
  mkdirSync(dir, { recursive: true })
  await page.screenshot({ path: join(dir, `${name}.png`) })
}

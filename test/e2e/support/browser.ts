import { existsSync } from 'node:fs'
import { type Browser, chromium, type Page } from 'playwright-core'
import type { RunningServer } from './server.js'

/** Debian's Chromium (apt-get install -y chromium): browser downloads are blocked here. */
export const CHROMIUM = '/usr/bin/chromium'
export const hasChromium = existsSync(CHROMIUM)

/** Headless Chromium with what this offline machine needs (no sandbox, no background traffic). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--headless',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  })
}

/** One API call with a key, its JSON answer (null when there is none). */
export async function api(server: RunningServer, key: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  return { status: res.status, body: (await res.json().catch(() => null)) as any }
}

/** Replaces the whole Monaco document as a user would: select all, paste (typing would auto-indent). */
export async function replaceEditorText(page: Page, text: string) {
  await page.locator('[data-testid=policy-editor] .view-lines').click()
  await page.keyboard.press('ControlOrMeta+A')
  await page.evaluate((t) => navigator.clipboard.writeText(t), text)
  await page.keyboard.press('ControlOrMeta+V')
}

import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ensureStudioBuild } from '../studio/support/studio-build.js'
import { hasChromium, launchChromium, replaceEditorText } from './support/browser.js'
import { screenshot } from './support/screenshots.js'
import { type RunningServer, startServer } from './support/server.js'

const CLIENT = 'acme-apparel'
const IMPACT_DEBOUNCE = 250

const changedCount = async (page: Page) =>
  Number(((await page.locator('[data-testid=impact-changed]').textContent()) ?? '').replace(/\D/g, '') || -1)

describe.skipIf(!hasChromium)('replay and live impact in a real browser', () => {
  let server: RunningServer
  let browser: Browser
  let page: Page
  let live: any

  beforeAll(async () => {
    await ensureStudioBuild()
    server = await startServer()
    browser = await launchChromium()
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url })
    page = await context.newPage()
    page.setDefaultTimeout(30_000)
    const res = await fetch(`${server.url}/v1/clients/${CLIENT}/policy/live`, {
      headers: { authorization: `Bearer ${server.adminKey}` },
    })
    live = (await res.json()).document
    await page.goto(server.url)
    await page.fill('#api-key', server.adminKey)
    await page.click('button[type=submit]')
    await page.locator(`[data-client=${CLIENT}]`).waitFor()
  }, 300_000)

  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it('moves the live impact when a threshold changes', async () => {
    await page.goto(`${server.url}/#/clients/${CLIENT}/editor`)
    await page.locator('[data-testid=policy-editor] .monaco-editor').waitFor()
    // The draft starts as the live version: nothing changes.
    await expect.poll(() => changedCount(page), { timeout: 60_000 }).toBe(0)
    const stricter = structuredClone(live)
    stricter.settings.thresholds.review = 1
    const started = Date.now()
    await replaceEditorText(page, JSON.stringify(stricter, null, 2))
    await expect.poll(() => changedCount(page), { timeout: 30_000 }).toBeGreaterThan(0)
    const text = (await page.locator('[data-testid=live-impact]').textContent()) ?? ''
    const evaluation = Number(text.match(/(\d+) ms/)?.[1])
    console.info(
      `[perf] live impact: paste → shift shown in ${Date.now() - started} ms (${IMPACT_DEBOUNCE}ms pause included); ` +
        `re-evaluating the sample took ${evaluation} ms in the worker — ${text}`,
    )
    expect(evaluation).toBeLessThan(300)
    expect(await page.locator('[data-testid=live-impact]').textContent()).toMatch(/review [\d.]+% → [\d.]+%/)
  })

  it('replays the draft, shows the transition matrix and opens a changed order', async () => {
    await page.goto(`${server.url}/#/clients/${CLIENT}/replay`)
    await page.click('[data-action=start-replay]')
    await page.locator('[data-testid=transition-matrix]').waitFor({ timeout: 120_000 })
    const toReview = Number(await page.locator('[data-testid=cell-approve-review]').textContent())
    expect(toReview).toBeGreaterThan(0)
    await page.locator('[data-testid=changed-orders] [data-action=open-order]').first().click()
    const drill = page.locator('[data-testid=order-drilldown]')
    await drill.waitFor()
    await expect.poll(async () => drill.locator('.trace-rule').count()).toBeGreaterThan(0)
    expect(await drill.textContent()).toContain('Candidate')
    await screenshot(page, 'replay')
  })

  it('pages through the changed orders under column headers, forward and back', async () => {
    const table = page.locator('[data-testid=changed-orders]')
    expect(await table.locator('thead th').allTextContents()).toEqual([
      'Order',
      'Placed',
      'Label',
      'Outcome (baseline → candidate)',
      'Score',
    ])
    const firstOrder = () => table.locator('[data-action=open-order]').first().textContent()
    const first = await firstOrder()
    expect(await table.locator('[data-action=previous-page]').count()).toBe(0)
    await table.locator('[data-action=next-page]').click()
    await expect.poll(firstOrder).not.toBe(first)
    const second = await firstOrder()
    await table.locator('[data-action=previous-page]').click()
    await expect.poll(firstOrder).toBe(first)
    await table.locator('[data-action=next-page]').click()
    await expect.poll(firstOrder).toBe(second)
  })
})

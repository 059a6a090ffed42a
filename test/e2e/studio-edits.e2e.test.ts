import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ensureStudioBuild } from '../studio/support/studio-build.js'
import { api, hasChromium, launchChromium, replaceEditorText } from './support/browser.js'
import { type RunningServer, startServer } from './support/server.js'

// An analyst's unsaved work and the publish/rollback wording, in a real browser.
const CLIENT = 'fresh-cellar'

// The editor shares its current text with the Replay page through session storage (draft-store.ts).
const editorText = (page: Page) =>
  page.evaluate((client) => sessionStorage.getItem(`verdict.draft.${client}`) ?? '', CLIENT)

describe.skipIf(!hasChromium)('studio: unsaved edits and publishing', () => {
  let server: RunningServer
  let browser: Browser
  let analystKey: string
  let analystKeyId: string
  let liveDocument: any

  beforeAll(async () => {
    await ensureStudioBuild()
    server = await startServer()
    browser = await launchChromium()
    const created = await api(server, server.adminKey, 'POST', `/v1/clients/${CLIENT}/api-keys`, {
      name: 'e2e edits analyst',
      role: 'analyst',
    })
    analystKey = created.body.key
    analystKeyId = created.body.id
    liveDocument = (await api(server, server.adminKey, 'GET', `/v1/clients/${CLIENT}/policy/live`)).body
      .document
  }, 300_000)

  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  async function signedIn(key: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url })
    const page = await context.newPage()
    page.setDefaultTimeout(20_000)
    await page.goto(server.url)
    await page.fill('#api-key', key)
    await page.click('button[type=submit]')
    await page.locator(`[data-client=${CLIENT}]`).click()
    await page.locator('[data-version-row]').first().waitFor()
    return page
  }

  const edited = () => {
    const doc = structuredClone(liveDocument)
    doc.description = 'e2e: an unsaved edit'
    return JSON.stringify(doc, null, 2)
  }

  it('keeps unsaved edits when the analyst leaves the editor and comes back, until discarded', async () => {
    const page = await signedIn(analystKey)
    await page.click('[data-action=open-editor]')
    await page.locator('[data-testid=policy-editor] .monaco-editor').waitFor()
    await replaceEditorText(page, edited())
    await expect.poll(() => editorText(page)).toContain('an unsaved edit')
    // Away to the Replay tab (the editor unmounts) and back, as the analyst's loop goes.
    await page.click('nav a:has-text("Replay")')
    await page.locator('[data-testid=candidate-version]').waitFor()
    expect(await page.locator('[data-testid=policy-editor]').count()).toBe(0)
    await page.click('nav a:has-text("Editor")')
    await page.locator('[data-testid=edits-restored]').waitFor()
    await expect.poll(() => editorText(page)).toContain('an unsaved edit')
    // A reload keeps them too; discarding brings back the version the editor started from.
    await page.reload()
    await page.locator('[data-testid=edits-restored]').waitFor()
    await page.click('[data-action=discard-edits]')
    await expect.poll(() => editorText(page)).not.toContain('an unsaved edit')
    await page.click('nav a:has-text("Policy")')
    await page.locator('[data-version-row]').first().waitFor()
    await page.click('nav a:has-text("Editor")')
    await page.locator('[data-testid=policy-editor] .monaco-editor').waitFor()
    await expect.poll(() => editorText(page)).toContain(`"${liveDocument.rules[0].id}"`)
    expect(await page.locator('[data-testid=edits-restored]').count()).toBe(0)
    await page.context().close()
  })

  it('says why when the key is revoked mid-session, and keeps the edits for the next sign-in', async () => {
    const page = await signedIn(analystKey)
    await page.click('[data-action=open-editor]')
    await page.locator('[data-testid=policy-editor] .monaco-editor').waitFor()
    await replaceEditorText(page, edited())
    await expect.poll(() => editorText(page)).toContain('an unsaved edit')
    const revoked = await api(
      server,
      server.adminKey,
      'DELETE',
      `/v1/clients/${CLIENT}/api-keys/${analystKeyId}`,
    )
    expect(revoked.status).toBe(204)
    await page.locator('[data-testid=policy-editor] .view-lines').click()
    await page.keyboard.press('ControlOrMeta+S')
    await page.fill('#comment', 'e2e: saved with a revoked key')
    await page.click('dialog button[type=submit]')
    const refused = page.locator('[data-testid=key-refused]')
    await refused.waitFor()
    expect(await refused.textContent()).toMatch(/revoked or has expired/)
    const fresh = await api(server, server.adminKey, 'POST', `/v1/clients/${CLIENT}/api-keys`, {
      name: 'e2e edits analyst 2',
      role: 'analyst',
    })
    await page.fill('#api-key', fresh.body.key)
    await page.click('button[type=submit]')
    // Back where the key was refused: the editor, with the edits.
    await page.locator('[data-testid=edits-restored]').waitFor()
    await expect.poll(() => editorText(page)).toContain('an unsaved edit')
    await page.context().close()
  })

  it('offers "Publish", not "Roll back", for an older draft that was never live', async () => {
    const save = async (comment: string) =>
      (
        await api(server, server.adminKey, 'POST', `/v1/clients/${CLIENT}/policy/versions`, {
          document: liveDocument,
          comment,
        })
      ).body.version as number
    const older = await save('e2e: a draft never published')
    const newer = await save('e2e: the draft that goes live')
    const published = await api(
      server,
      server.adminKey,
      'POST',
      `/v1/clients/${CLIENT}/policy/versions/${newer}/publish`,
      {
        comment: 'e2e: why it went live',
      },
    )
    expect(published.status).toBe(200)
    const previous = published.body.previousVersion as number
    const page = await signedIn(server.adminKey)
    await page.locator(`[data-version-row="${older}"]`).waitFor()
    expect(await page.locator(`[data-version-row="${older}"] [data-action=publish]`).count()).toBe(1)
    expect(await page.locator(`[data-version-row="${older}"] [data-action=rollback]`).count()).toBe(0)
    expect(await page.locator(`[data-version-row="${previous}"] [data-action=rollback]`).count()).toBe(1)
    // Compliance reads why each version went live: the live card and the publication log say so.
    expect(await page.locator('[data-testid=live-publication-comment]').textContent()).toBe(
      'e2e: why it went live',
    )
    const latest = page.locator('[data-testid=publications] tbody tr').first()
    expect(await latest.getAttribute('data-publication')).toBe(String(newer))
    expect(await latest.textContent()).toContain(`v${previous}`)
    expect(await latest.textContent()).toContain('e2e: why it went live')
    await page.context().close()
  })
})

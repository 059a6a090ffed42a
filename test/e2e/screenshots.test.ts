import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ROOT } from '../studio/support/studio-build.js'
import { screenshotDir } from './support/screenshots.js'

describe('screenshots of the browser suites', () => {
  it('go to the ignored test-results/ on an ordinary run, so tests leave tracked files alone', () => {
    expect(screenshotDir({})).toBe(join(ROOT, 'test-results/screenshots'))
    expect(screenshotDir({ UPDATE_SCREENSHOTS: '0' })).toBe(join(ROOT, 'test-results/screenshots'))
  })

  it("replace the README's pictures only when asked to", () => {
    expect(screenshotDir({ UPDATE_SCREENSHOTS: '1' })).toBe(join(ROOT, 'docs/screenshots'))
  })
})

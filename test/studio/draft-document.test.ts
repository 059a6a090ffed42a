import { describe, expect, it } from 'vitest'
import { describeError, InputError } from '../../studio/src/api/api-error.js'
import { draftDocument } from '../../studio/src/features/replay/draft-store.js'

// Replaying the editor's draft: a draft that is not JSON says what to fix, not "Something went wrong".
describe('draftDocument', () => {
  it('parses the draft', () => {
    expect(draftDocument('{"rules": []}')).toEqual({ rules: [] })
  })

  it('refuses a draft that is not JSON, or none, with a title that says so', () => {
    const broken = () => draftDocument('{"rules": [')
    expect(broken).toThrow(InputError)
    try {
      broken()
    } catch (e) {
      expect(describeError(e).title).toBe("The editor's draft is not valid JSON.")
      expect(describeError(e).detail).toMatch(/Fix it in the editor, or replay a saved version\.$/)
    }
    expect(() => draftDocument(null)).toThrow(InputError)
    expect(describeError(new Error('x')).title).toBe('Something went wrong.')
  })
})

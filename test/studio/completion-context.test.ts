import { describe, expect, it } from 'vitest'
import { slotAt } from '../../studio/src/editor/completion-context.js'

/** Text with a `|` marking the cursor. */
function at(withCursor: string) {
  const offset = withCursor.indexOf('|')
  return slotAt(withCursor.replace('|', ''), offset)
}

const cond = (inner: string) =>
  `{"rules":[{"id":"a","conditions":{"all":[${inner}]},"event":{"type":"score"}}]}`

describe('slotAt', () => {
  it('knows a path value and the fact it belongs to, whichever order the keys come in', () => {
    expect(at(cond('{"fact":"payment","path":"$.a|"}'))).toMatchObject({ slot: 'path', fact: 'payment' })
    expect(at(cond('{"path":"$.|","fact":"customer","operator":"equal"}'))).toMatchObject({
      slot: 'path',
      fact: 'customer',
    })
  })

  it('gives the string range to replace', () => {
    const text = cond('{"fact":"payment","path":"$.av"}')
    const ctx = slotAt(text, text.indexOf('$.av') + 2)
    expect(text.slice(ctx!.replace!.start, ctx!.replace!.end)).toBe('"$.av"')
  })

  it('recognises fact, operator, event type and category slots', () => {
    expect(at(cond('{"fact":"|"}'))?.slot).toBe('fact')
    expect(at(cond('{"fact":"order","operator":"gr|"}'))?.slot).toBe('operator')
    expect(at('{"rules":[{"event":{"type":"sc|"}}]}')?.slot).toBe('eventType')
    expect(at('{"rules":[{"id":"x","category":"|"}]}')?.slot).toBe('category')
  })

  it('also works inside shared conditions and nested any/not', () => {
    expect(at('{"conditions":{"hv":{"any":[{"not":{"fact":"items","path":"$.|"}}]}}}')).toMatchObject({
      slot: 'path',
      fact: 'items',
    })
  })

  it('returns null on keys and unrelated values', () => {
    expect(at(cond('{"fa|ct":"order"}'))).toBeNull()
    expect(at('{"description":"abc|"}')).toBeNull()
    expect(at('{"settings":{"type":"x|"}}')).toBeNull()
  })
})

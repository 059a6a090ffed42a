import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { findPan, luhnValid } from '../../../engine/src/order/pan.js'

function luhnCheckDigit(body: string): string {
  for (let d = 0; d <= 9; d++) if (luhnValid(body + d)) return String(d)
  throw new Error('unreachable')
}

// Brand prefixes and lengths as credit-card-type knows them.
const brands: [prefix: string, length: number][] = [
  ['4', 13], // Visa's original length, which credit-card-type does not list
  ['4', 16], // Visa
  ['4', 19],
  ['51', 16], // Mastercard
  ['2221', 16],
  ['34', 15], // Amex
  ['37', 15],
  ['6011', 16], // Discover
  ['3528', 16], // JCB
  ['36', 14], // Diners
]

const validPan = fc
  .tuple(
    fc.constantFrom(...brands),
    fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 19, maxLength: 19 }),
  )
  .map(([[prefix, length], digits]) => {
    const body = (prefix + digits.join('')).slice(0, length - 1)
    return body + luhnCheckDigit(body)
  })

/** Splits digits into groups joined by single spaces or dashes, or not at all. */
const formatted = (pan: string) =>
  fc
    .array(fc.constantFrom('', ' ', '-'), { minLength: pan.length - 1, maxLength: pan.length - 1 })
    .map((seps) => [...pan].map((digit, i) => digit + (seps[i] ?? '')).join(''))

const text = fc.string({ maxLength: 30 })

/** Wraps `value` at a random depth in objects and arrays; returns the structure and its expected path. */
const nested = (value: fc.Arbitrary<string>) =>
  fc
    .tuple(
      value,
      fc.array(fc.oneof(fc.constantFrom('note', 'items', 'x_y'), fc.nat({ max: 3 })), { maxLength: 5 }),
    )
    .map(([leaf, segments]) => {
      let node: unknown = leaf
      let path = ''
      for (let i = segments.length - 1; i >= 0; i--) {
        const segment = segments[i]!
        if (typeof segment === 'number') {
          const array: unknown[] = Array.from({ length: segment }, () => 'filler')
          array.push(node)
          node = array
        } else node = { before: 'ok', [segment]: node }
      }
      for (const segment of segments)
        path += typeof segment === 'number' ? `[${segment}]` : path ? `.${segment}` : segment
      return { node, path: path || '$' }
    })

describe('findPan', () => {
  it.each([
    ['a spaced card in free text', { note: 'card 4111 1111 1111 1111 exp 12/29' }, 'note'],
    ['a dashed card', { customer: { name: '5500-0000-0000-0004' } }, 'customer.name'],
    ['an Amex run glued to words', { x: 'amex378282246310005!' }, 'x'],
    ['a card after another number', { note: 'qty 2 4111 1111 1111 1111' }, 'note'],
    ['a JSON number', { items: [{ sku: 'a' }, { sku: 4111111111111111 }] }, 'items[1].sku'],
    ['an object key', { attributes: { '4111111111111111': true } }, 'attributes.<key>'],
    ['the root string', '4111111111111111', '$'],
    ['a 13-digit Visa', { customer: { name: '4222222222222' } }, 'customer.name'],
    ['a 13-digit Visa as a JSON number', { ref: 4222222222222 }, 'ref'],
    // credit-card-type names these prefixes Elo (16 digits only); Visa and Discover issue them at
    // these lengths too.
    ['a 19-digit Visa whose prefix is Elo at 16', { note: '4576 3100 0000 0000 125' }, 'note'],
    ['a 19-digit Discover whose prefix is Elo at 16', { note: '6500310000000000123' }, 'note'],
    [
      'a 13-digit Visa whose prefix is another brand at 16',
      { customer: { name: ' 4576310000000 ' } },
      'customer.name',
    ],
  ])('finds %s', (_label, input, path) => {
    expect(findPan(input)).toBe(path)
  })

  it.each([
    ['a Luhn failure', { note: '4111 1111 1111 1112' }],
    ['a 12-digit run', { note: '411111111116' }],
    ['a 20-digit reference', { note: '41111111111111111116' }],
    ['double spaces between groups', { note: '4111  1111  1111  1111' }],
    ['Luhn-valid digits of no brand', { note: '0000000000000000' }],
    ['a phone number and a date', { phone: '+1 212 555 0100', createdAt: '2026-11-20T14:03:00Z' }],
    ['bin and last4', { card: { bin: '411111', last4: '1111' } }],
    ['a float', { total: 4111111111111111.5 }],
  ])('ignores %s', (_label, input) => {
    expect(findPan(input)).toBeNull()
  })

  it('finds generated card numbers embedded in random text at random depth', () => {
    const leaf = fc
      .tuple(text, validPan.chain(formatted), text)
      .map(([before, pan, after]) => `${before} ${pan} ${after}`)
    fc.assert(
      fc.property(nested(leaf), ({ node, path }) => {
        expect(findPan(node)).toBe(path)
      }),
      { numRuns: 1000 },
    )
  })

  it('never flags a 13–19 digit string that fails Luhn', () => {
    const failing = fc
      .array(fc.integer({ min: 0, max: 9 }), { minLength: 13, maxLength: 19 })
      .map((digits) => digits.join(''))
      .filter((digits) => !luhnValid(digits))
    fc.assert(
      fc.property(failing, (digits) => {
        expect(findPan({ note: digits, n: `ref ${digits}.` })).toBeNull()
      }),
      { numRuns: 2000 },
    )
  })

  it('handles deep nesting without overflowing the stack', () => {
    let deep: unknown = 'card 4111111111111111'
    for (let i = 0; i < 100_000; i++) deep = [deep]
    expect(findPan(deep)).toMatch(/^\[0\]/)
  })

  it('terminates on cyclic input and still names the card number in it', () => {
    const clean: Record<string, unknown> = { note: 'hello' }
    clean.self = clean
    expect(findPan(clean)).toBeNull()
    const withCard: Record<string, unknown> = { a: { b: [] as unknown[] } }
    ;(withCard.a as { b: unknown[] }).b.push(withCard, 'card 4111 1111 1111 1111')
    expect(findPan(withCard)).toBe('a.b[1]')
  })

  it('finds a card number among more objects than the quick pass visits', () => {
    const many = Array.from({ length: 60_000 }, (_, i) => ({ i }))
    expect(findPan(many)).toBeNull()
    many.push({ i: 4111111111111111 })
    expect(findPan(many)).toBe('[60000].i')
  })
})

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { normalize, normalizeUnicode, sameText } from '../../../engine/src/facts/address.js'
import type { CatalogItem } from '../../../engine/src/facts/client-data.js'
import { EMAIL, isValidEmail, matchesEmailPattern } from '../../../engine/src/facts/customer.js'
import { instantOf } from '../../../engine/src/facts/instant.js'
import { deriveItems } from '../../../engine/src/facts/items.js'
import { avsMatch, cvvMatch } from '../../../engine/src/facts/payment.js'
import { isPoBox, PO_BOX } from '../../../engine/src/facts/postal.js'
import type { OrderItem } from '../../../engine/src/order/order.types.js'
import { parseInstant } from '../../../engine/src/order/timestamp.js'
import { sampleOrder } from '../order/sample-order.js'

// Each fast path must give exactly the answer of the general code it stands in for.
const RUNS = { numRuns: 3000 }

const pad = (n: number, width: number) => String(n).padStart(width, '0')

/** Timestamps near and off the RFC 3339 shape: valid, out of range, odd fractions and offsets. */
const timestamp = fc
  .record({
    year: fc.oneof(fc.integer({ min: 0, max: 9999 }), fc.constantFrom(1900, 2000, 2024, 2100)),
    month: fc.integer({ min: 0, max: 13 }),
    day: fc.integer({ min: 0, max: 32 }),
    hour: fc.integer({ min: 0, max: 25 }),
    minute: fc.integer({ min: 0, max: 60 }),
    second: fc.integer({ min: 0, max: 61 }),
    fraction: fc.option(fc.stringMatching(/^\d{0,12}$/)),
    t: fc.constantFrom('T', 't', ' '),
    zone: fc.oneof(
      fc.constantFrom('Z', 'z', '', '+', '+0000', 'Zx'),
      fc
        .tuple(fc.constantFrom('+', '-'), fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 61 }))
        .map(([s, h, m]) => `${s}${pad(h, 2)}:${pad(m, 2)}`),
    ),
  })
  .map(
    (p) =>
      `${pad(p.year, 4)}-${pad(p.month, 2)}-${pad(p.day, 2)}${p.t}${pad(p.hour, 2)}:${pad(p.minute, 2)}:` +
      `${pad(p.second, 2)}${p.fraction === null ? '' : `.${p.fraction}`}${p.zone}`,
  )

describe('instantOf', () => {
  it('equals parseInstant on timestamps, near-timestamps and arbitrary text', () => {
    const mutated = fc.tuple(timestamp, fc.nat(), fc.string({ maxLength: 2 })).map(([text, at, insert]) => {
      const i = at % (text.length + 1)
      return text.slice(0, i) + insert + text.slice(i + 1)
    })
    fc.assert(
      fc.property(fc.oneof(timestamp, mutated, fc.string(), fc.anything()), (value) => {
        expect(Object.is(instantOf(value), parseInstant(value))).toBe(true)
      }),
      RUNS,
    )
  })

  it('equals Date.parse on every valid ISO instant', () => {
    const instant = fc.date({
      min: new Date('0000-01-01T00:00:00Z'),
      max: new Date('9999-12-31T23:59:59Z'),
      noInvalidDate: true,
    })
    fc.assert(
      fc.property(instant, (date) => {
        expect(instantOf(date.toISOString())).toBe(date.getTime())
      }),
      RUNS,
    )
  })
})

describe('matchesEmailPattern', () => {
  const emailish = fc.string({
    unit: fc.constantFrom(..."aZ09_-+'.@.-a".split(''), 'é', ' ', '"'),
    maxLength: 24,
  })
  const realistic = fc.oneof(
    fc.emailAddress(),
    fc
      .tuple(fc.emailAddress(), fc.nat(), fc.constantFrom('.', '-', "'", '@', '..', 'é', '1'))
      .map(([email, at, insert]) => {
        const i = at % (email.length + 1)
        return email.slice(0, i) + insert + email.slice(i)
      }),
  )

  it('agrees with the e-mail regex on arbitrary and e-mail-like text', () => {
    fc.assert(
      fc.property(fc.oneof(emailish, realistic, fc.string()), (text) => {
        expect(matchesEmailPattern(text, text.lastIndexOf('@'))).toBe(EMAIL.test(text))
      }),
      RUNS,
    )
  })

  it('keeps isValidEmail as specified: length limits and the trimmed regex', () => {
    fc.assert(
      fc.property(fc.oneof(emailish, realistic), fc.constantFrom('', ' ', '\t'), (text, space) => {
        const trimmed = text.trim()
        const at = trimmed.lastIndexOf('@')
        const expected = trimmed.length <= 254 && at > 0 && at <= 64 && EMAIL.test(trimmed)
        expect(isValidEmail(`${space}${text}${space}`)).toBe(expected)
      }),
      RUNS,
    )
  })
})

describe('address normalize', () => {
  it('takes the ASCII shortcut to the same text as the Unicode passes', () => {
    const ascii = fc.string({ unit: fc.integer({ min: 0, max: 127 }).map((c) => String.fromCharCode(c)) })
    fc.assert(
      fc.property(fc.oneof(ascii, fc.string({ unit: 'grapheme' }), fc.string()), (text) => {
        expect(normalize(text)).toBe(normalizeUnicode(text))
      }),
      RUNS,
    )
  })
})

describe('isPoBox', () => {
  const words = [
    'PO Box 12',
    'P.O. Box',
    'POB 4',
    'Postfach 3',
    'casilla 9',
    'CASILLA',
    'Box 7',
    ' box 7',
    'а/я 5',
    'А/Я 5',
    'Абонентский ящик',
    'B.P. 3',
    'bp 4',
    'apdo. 1',
    'Boîte postale',
    'Main St',
    '12',
    ',',
  ]
  const line = fc
    .array(fc.oneof(fc.constantFrom(...words), fc.string({ maxLength: 4 })), { maxLength: 4 })
    .map((parts) => parts.join(' '))

  it('agrees with the PO box pattern on every line (the letter hint never hides a match)', () => {
    fc.assert(
      fc.property(fc.oneof(line, fc.string(), fc.string({ unit: 'grapheme' })), (text) => {
        expect(isPoBox(text)).toBe(PO_BOX.test(text))
      }),
      RUNS,
    )
  })

  it('still finds the boxes', () => {
    for (const text of ['PO Box 12', 'casilla 9', ' box 7', 'а/я 5', 'Абонентский ящик 3', 'bp 4']) {
      expect(isPoBox('1 Main St', text)).toBe(true)
    }
    expect(isPoBox('123 Main St', undefined)).toBe(false)
  })
})

describe('deriveItems', () => {
  /** The items rules of policies.md, written the plain way with a Map and Sets. */
  function reference(lines: OrderItem[], catalog: Map<string, CatalogItem> | null, currency: string) {
    const quantities = new Map<string, number>()
    const categories = new Set<string>()
    const mismatch = new Set<string>()
    for (const line of lines) {
      quantities.set(line.sku, (quantities.get(line.sku) ?? 0) + line.quantity)
      if (line.category !== undefined) categories.add(line.category)
      const entry = catalog?.get(line.sku)
      const cents = (x: number) => Math.round(x * 100)
      if (entry && (entry.currency !== currency || Math.abs(cents(entry.price) - cents(line.unitPrice)) > 1))
        mismatch.add(line.sku)
    }
    const skus = [...quantities.keys()]
    return {
      count: lines.length,
      totalQuantity: lines.reduce((s, l) => s + l.quantity, 0),
      maxQuantity: Math.max(0, ...lines.map((l) => l.quantity)),
      categories: [...categories],
      skus,
      unknownSkus: catalog ? skus.filter((s) => !catalog.has(s)) : [],
      outOfStockSkus: skus.filter((s) => (catalog?.get(s)?.stock ?? Infinity) < (quantities.get(s) ?? 0)),
      priceMismatchSkus: skus.filter((s) => mismatch.has(s)),
    }
  }

  const sku = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('').map((c) => `SKU-${c}`))
  const cents = fc.integer({ min: 1, max: 5000 }).map((c) => c / 100)
  const line = fc.record(
    {
      sku,
      quantity: fc.integer({ min: 1, max: 9 }),
      unitPrice: cents,
      category: fc.constantFrom('a', 'b', 'c'),
    },
    { requiredKeys: ['sku', 'quantity', 'unitPrice'] },
  )
  const entry = fc.record({
    price: cents,
    currency: fc.constantFrom('USD', 'USD', 'EUR'),
    stock: fc.integer({ min: 0, max: 30 }),
  })
  const catalog = fc.option(fc.dictionary(sku, entry))

  it('equals the plain Map/Set reference for short and long orders (both index paths)', () => {
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 40 }), catalog, (lines, entries) => {
        const map =
          entries === null
            ? null
            : new Map(Object.entries(entries).map(([s, e]): [string, CatalogItem] => [s, { sku: s, ...e }]))
        expect(deriveItems(sampleOrder({ items: lines }), map, 0.01)).toEqual(
          reference(lines, map, sampleOrder().currency),
        )
      }),
      { numRuns: 1000 },
    )
  })
})

describe('address sameText', () => {
  const texty = fc.string({
    unit: fc.constantFrom('a', 'A', 'b', '1', ' ', ',', '-', '.', 'é', 'e\u0301'),
    maxLength: 8,
  })
  it('equals comparing the normalized texts', () => {
    fc.assert(
      fc.property(fc.oneof(texty, fc.string()), fc.oneof(texty, fc.string()), (a, b) => {
        expect(sameText(a, b)).toBe(normalize(a) === normalize(b))
      }),
      RUNS,
    )
  })

  it('equals comparing the normalized texts on near-identical pairs', () => {
    // Pairs one edit apart (a separator added or dropped, a letter's case or a character changed).
    const edit = fc.tuple(fc.nat(), fc.constantFrom(' ', ',', '', 'B', 'b', '1', 'é'), fc.boolean())
    const pair = fc.tuple(texty, fc.array(edit, { minLength: 1, maxLength: 3 })).map(([a, edits]) => {
      let b = a
      for (const [at, text, replace] of edits) {
        const i = at % (b.length + 1)
        b = b.slice(0, i) + text + b.slice(replace ? i + 1 : i)
      }
      return [a, b.toUpperCase() === b ? b.toLowerCase() : b] as const
    })
    fc.assert(
      fc.property(pair, ([a, b]) => {
        expect(sameText(a, b)).toBe(normalize(a) === normalize(b))
        expect(sameText(a, undefined)).toBe(normalize(a) === '')
      }),
      RUNS,
    )
  })
})

describe('avsMatch shortcut', () => {
  it('reads a one-letter AVS or CVV code like its padded form (the general path)', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.constantFrom(...'YXDFMABPWZNUmnyz 1'.split('')), fc.string({ maxLength: 1 })),
        (c) => {
          expect(avsMatch(c)).toBe(avsMatch(` ${c} `))
          expect(cvvMatch(c)).toBe(cvvMatch(` ${c} `))
        },
      ),
    )
  })
})

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { currencyExponent, isCurrencyCode } from '../../../engine/src/money/currency.js'
import { decimalPlaces, toScaled } from '../../../engine/src/money/decimal.js'
import { absDiffMoney, fitsCurrency, fromMinor, sumMoney, toMinor } from '../../../engine/src/money/money.js'

describe('currency exponents', () => {
  it.each([
    ['JPY', 0],
    ['USD', 2],
    ['EUR', 2],
    ['KWD', 3],
    ['BHD', 3],
  ])('%s has %i decimals', (code, exponent) => {
    expect(currencyExponent(code)).toBe(exponent)
  })

  it('knows only upper-case ISO 4217 codes', () => {
    expect(isCurrencyCode('USD')).toBe(true)
    expect(isCurrencyCode('usd')).toBe(false)
    expect(isCurrencyCode('ABC')).toBe(false)
    expect(isCurrencyCode(840)).toBe(false)
  })
})

describe('toMinor / fromMinor', () => {
  it.each([
    [19.99, 'USD', 1999],
    [48.18, 'USD', 4818],
    [0.29, 'USD', 29],
    [1.005, 'KWD', 1005],
    [1200, 'JPY', 1200],
    [1e21 / 1e10, 'USD', 1e13],
  ])('converts %d %s to %i minor units exactly', (amount, currency, minor) => {
    expect(toMinor(amount, currency)).toBe(minor)
    expect(fromMinor(minor, currency)).toBe(amount)
  })

  it.each([
    [48.185, 'USD'],
    [1200.5, 'JPY'],
    [1.0005, 'KWD'],
    [1e-7, 'USD'],
    [Number.NaN, 'USD'],
    [1e17, 'USD'],
  ])('refuses %d %s', (amount, currency) => {
    expect(fitsCurrency(amount, currency)).toBe(false)
    expect(() => toMinor(amount, currency)).toThrow(RangeError)
  })

  it('counts decimal places as written', () => {
    expect([1.5, 48.185, 1e-7, 1200, 1.5e-7, 0].map(decimalPlaces)).toEqual([1, 3, 7, 0, 8, 0])
    expect(toScaled(-2.5, 2)).toBe(-250)
  })

  it('agrees with the decimal text of any double (fast path vs. digits)', () => {
    fc.assert(
      fc.property(
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.integer({ min: 0, max: 6 }),
        (x, scale) => {
          const minor = toScaled(x, scale)
          if (minor === null) {
            expect(decimalPlaces(x) > scale || Math.abs(x) * 10 ** scale > Number.MAX_SAFE_INTEGER / 2).toBe(
              true,
            )
          } else {
            expect(decimalPlaces(x)).toBeLessThanOrEqual(scale)
            expect(Number.isSafeInteger(minor)).toBe(true)
            expect(minor / 10 ** scale).toBe(x + 0)
          }
        },
      ),
      { numRuns: 2000 },
    )
  })

  it('round-trips every safe minor amount at exponents 0, 2 and 3', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e12, max: 1e12 }),
        fc.constantFrom('JPY', 'USD', 'KWD'),
        (minor, currency) => {
          expect(toMinor(fromMinor(minor, currency), currency)).toBe(minor)
        },
      ),
    )
  })
})

describe('sums', () => {
  it('adds 0.1 and 0.2 to exactly 0.3', () => {
    expect(sumMoney([0.1, 0.2], 'USD')).toBe(0.3)
    expect(absDiffMoney(0.3, 0.1, 'USD')).toBe(0.2)
  })

  it('equals the exact decimal sum (digit strings added as integers)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 10_000_000 }), { maxLength: 30 }),
        fc.constantFrom('JPY', 'USD', 'KWD'),
        (minors, currency) => {
          const exponent = currencyExponent(currency)!
          const amounts = minors.map((m) => fromMinor(m, currency))
          // The exact sum as a decimal string, computed independently of the money helpers.
          const total = minors
            .reduce((a, b) => a + BigInt(b), 0n)
            .toString()
            .padStart(exponent + 1, '0')
          const decimal = exponent ? `${total.slice(0, -exponent)}.${total.slice(-exponent)}` : total
          expect(sumMoney(amounts, currency)).toBe(Number(decimal))
        },
      ),
    )
  })
})

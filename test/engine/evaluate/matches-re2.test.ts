import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compilePattern } from '../../../engine/src/evaluate/operators/pattern.js'
import { flags, patternSource, subject } from '../policy/regex-arbitraries.js'

function re2Test(source: string, input: string): boolean {
  const pattern = compilePattern(source)
  if (pattern instanceof Error) throw pattern
  return pattern.test(input)
}

/** With `m`, RE2 ends lines at `\n` only (documented); JavaScript also at `\r`, U+2028, U+2029. */
const withoutOtherLineEnds = (s: string) => s.replace(/[\r\u2028\u2029]/g, '')

describe('matches runs on RE2 with JavaScript meaning', () => {
  it('answers like RegExp.prototype.test for every accepted pattern, flags and input', () => {
    let compared = 0
    fc.assert(
      fc.property(
        patternSource,
        flags,
        fc.array(subject, { minLength: 1, maxLength: 6 }),
        (body, f, inputs) => {
          const source = f === '' || body === '' ? body : `/${body}/${f}`
          if (compilePattern(source) instanceof Error) return
          const native = new RegExp(body, f === '' || body === '' ? '' : f)
          for (const raw of inputs) {
            const input = f.includes('m') ? withoutOtherLineEnds(raw) : raw
            expect(re2Test(source, input), `${source} on ${JSON.stringify(input)}`).toBe(native.test(input))
            compared++
          }
        },
      ),
      { numRuns: 400 },
    )
    expect(compared).toBeGreaterThan(400)
  }, 60_000)

  it.each([
    ['. excludes \\r like JavaScript (RE2 alone would match it)', 'a.b', 'a\rb', false],
    ['\\s includes no-break space like JavaScript', '^\\s$', '\u00a0', true],
    ['\\S excludes U+2028', '^\\S$', '\u2028', false],
    ['/s makes . match a newline', '/a.b/s', 'a\nb', true],
    ['[^] matches a newline', 'a[^]b', 'a\nb', true],
    ['[] matches nothing', 'a[]', 'a', false],
    ['\\u escapes are JavaScript escapes', '^\\u0041$', 'A', true],
    ['\\p without u is the letter p', '^\\p{L}$', 'p{L}', true],
    ['\\p with u is a Unicode property', '/^\\p{L}+$/u', 'Ünïcödé', true],
    ['\\A is an A in JavaScript, not a text anchor', '^\\A$', 'A', true],
    ['/i folds case', '/^abc$/i', 'AbC', true],
    ['/m anchors at line ends', '/^b$/m', 'a\nb\nc', true],
    ['a literal astral character without u', '^😀$', '😀', true],
    ['named groups are accepted', '^(?<user>[^@]+)@', 'me@x', true],
    ['unanchored by default', '\\d{5}', 'zip 12345 US', true],
    ['case-sensitive by default', 'abc', 'ABC', false],
  ])('%s', (_label, source, input, expected) => {
    expect(re2Test(source, input)).toBe(expected)
  })
})

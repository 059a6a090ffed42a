import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compilePolicy } from '../../../engine/src/evaluate/compile-policy.js'
import { compilePattern } from '../../../engine/src/evaluate/operators/pattern.js'
import type { Facts } from '../../../engine/src/facts/facts.types.js'
import type { PolicyDocument } from '../../../engine/src/policy/policy.types.js'
import { checkRegex } from '../../../engine/src/policy/regex-safety.js'
import { validatePolicy } from '../../../engine/src/policy/validate-policy.js'
import { withCondition } from './fixtures.js'
import { ADVERSARIAL, flags, patternSource } from './regex-arbitraries.js'

const C = ['rules', 0, 'conditions', 'all', 0]

function policyWith(operator: string, value: unknown): PolicyDocument {
  return withCondition({ fact: 'order', path: '$.customer.email', operator, value }) as PolicyDocument
}

type Row = [label: string, value: unknown, code: string, message: RegExp]

const refused: Row[] = [
  ['alternatives that overlap under *', '(a|a)*', 'UNSAFE_REGEX', /"a" and "a" can match the same text/],
  ['\\w and \\d under + (safe-regex2 accepts it)', '(\\w|\\d)+$', 'UNSAFE_REGEX', /"\\w" and "\\d"/],
  ['overlap found only with the i flag', '/(a|A)+$/i', 'UNSAFE_REGEX', /"a" and "A"/],
  [
    'overlapping alternation nested in a repeated group',
    '^(x(b|[a-c]))*$',
    'UNSAFE_REGEX',
    /"b" and "\[a-c\]"/,
  ],
  ['two empty alternatives', '(a||)*c', 'UNSAFE_REGEX', /"" and ""/],
  ['an alternative that starts another under + (OWASP)', '(a|aa)+', 'UNSAFE_REGEX', /"a" and "aa"/],
  ['one digit or two under +', '(\\d|\\d\\d)+$', 'UNSAFE_REGEX', /"\\d" and "\\d\\d"/],
  ['a and b, or ab, under *', '(a|b|ab)*c', 'UNSAFE_REGEX', /"a" and "ab"/],
  [
    'nested quantifiers, the outer one lazy (safe-regex2 accepts it)',
    '(a+)*?b',
    'UNSAFE_REGEX',
    /nested quantifiers/,
  ],
  ['nested quantifiers, +? outside', '(?:a+)+?b', 'UNSAFE_REGEX', /nested quantifiers/],
  ['a counted repetition of .*a', '(.*a){11}', 'UNSAFE_REGEX', /nested quantifiers/],
  // 2^30 ways to split the a's among the a? (Russ Cox's example): bounded, but not by a small number
  ['thirty optional a, then thirty a', '^(a?){30}a{30}$', 'UNSAFE_REGEX', /nested quantifiers/],
  // \w+ can run into the next iteration's \w+ (the \s? between may be absent)
  ['a word and an optional space under *', '^(\\w+\\s?)*$', 'UNSAFE_REGEX', /nested quantifiers/],
  [
    'letters then optional digits under + (15 s on 29 characters in V8)',
    '^([a-z]+\\d*)+$',
    'UNSAFE_REGEX',
    /nested quantifiers/,
  ],
  ['two runs of the same letter before each comma', '^(a*a*,)*$', 'UNSAFE_REGEX', /nested quantifiers/],
  // a bounded construct of varying length (2–4 digits) is still a varying part inside *
  ['a bounded construct repeated by *', '^((\\d{1,2}){2})*$', 'UNSAFE_REGEX', /nested quantifiers/],
  ['nested quantifiers', '(a+)+$', 'UNSAFE_REGEX', /nested quantifiers/],
  ['a pattern over 1,000 characters', 'a'.repeat(1001), 'UNSAFE_REGEX', /limited to 1000 characters/],
  ['the g flag', '/x/g', 'INVALID_REGEX', /flag "g".*only i, m, s and u/],
  ['the y flag', '/x/y', 'INVALID_REGEX', /flag "y".*only i, m, s and u/],
  ['an unknown flag', '/x/d', 'INVALID_REGEX', /flag "d"/],
  ['a repeated flag', '/x/ii', 'INVALID_REGEX', /flag "i".*each once/],
  ['a backreference', '(a)\\1', 'INVALID_REGEX', /backreference "\\1" is not supported: .*RE2/],
  ['a named backreference', '(?<x>a)\\k<x>', 'INVALID_REGEX', /backreference.*RE2/],
  ['a lookahead', '^(?!test)', 'INVALID_REGEX', /lookahead "\(\?!test\)" is not supported: .*RE2/],
  ['a lookbehind', '(?<=@)gmail', 'INVALID_REGEX', /lookbehind.*not supported/],
  ['a repeat count RE2 cannot run', 'a{1001}', 'INVALID_REGEX', /RE2.*invalid repeat count/],
  ['a Unicode property RE2 does not know', '/\\p{Alphabetic}/u', 'INVALID_REGEX', /property.*not supported/],
  ['bad syntax', '([', 'INVALID_REGEX', /not a valid regular expression/],
  ['bad syntax inside /…/', '/a{2,1}/', 'INVALID_REGEX', /not a valid regular expression/],
  ['Perl inline flags, not JavaScript', '(?i)abc', 'INVALID_REGEX', /not a valid regular expression/],
  ['a non-string pattern', 5, 'INVALID_REGEX', /must be a string/],
]

const accepted = [
  '^[A-Za-z]{2,4}[0-9]{5,}@',
  '^\\d{5}$',
  '^(USD|CAD)$',
  '^[^@+]+\\+[^@]*@',
  '/^test-/i',
  '(ab|ac)*d',
  '(\\.com|\\.co\\.uk)*$',
  '(\\.com|\\.net|\\.co\\.uk)+$',
  '/\\p{L}+/u',
  '(?<user>[^@]+)@',
  'a'.repeat(1000),
  // each varying part ends where its characters end (isSplitByText)
  '^\\w+(\\s*,\\s*\\w+)*$',
  '^(\\w+@\\w+\\.)+$',
  '^\\s*(\\w+\\s*=\\s*\\w+\\s*;\\s*)*$',
  '^(a*b*,)*$',
  // the HTML standard's e-mail pattern
  "^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$",
  // bounded constructs: a finite count of a body with few ways to match (isBounded)
  '^(?:(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)$',
  '^(\\d{1,2}){2}$',
  '^(a?){3}$',
]

describe('matches / doesNotMatch patterns at save', () => {
  it.each(refused)('refuses %s with %s at the value', (_label, value, code, message) => {
    for (const operator of ['matches', 'not:doesNotMatch']) {
      const { issues } = validatePolicy(policyWith(operator, value))
      expect(issues).toEqual([{ path: [...C, 'value'], code, message: expect.stringMatching(message) }])
    }
  })

  it('points at the element of a someValue: array', () => {
    const { issues } = validatePolicy(policyWith('someValue:matches', ['^a', '(a|a)*']))
    expect(issues.map((i) => [i.code, i.path])).toEqual([['UNSAFE_REGEX', [...C, 'value', 1]]])
  })

  it.each(accepted)('accepts %s', (value) => {
    expect(validatePolicy(policyWith('matches', value)).issues).toEqual([])
  })
})

describe('one judge for validation and evaluation', () => {
  it.each(refused.filter((r) => typeof r[1] === 'string'))(
    'the evaluator refuses %s with the same message',
    (_label, value, _code, message) => {
      const compiled = compilePattern(value as string)
      expect(compiled).toBeInstanceOf(SyntaxError)
      expect((compiled as Error).message).toMatch(message)
    },
  )

  it('any pattern validation accepts compiles, and runs in linear time on adversarial text', () => {
    let accepted = 0
    fc.assert(
      fc.property(patternSource, flags, (body, f) => {
        const source = f === '' || body === '' ? body : `/${body}/${f}`
        const valid = validatePolicy(policyWith('matches', source)).issues.length === 0
        expect(valid).toBe(checkRegex(source).ok)
        if (!valid) return
        accepted++
        const policy = compilePolicy(policyWith('matches', source))
        for (const email of ADVERSARIAL) {
          const facts = { order: { customer: { email } } } as unknown as Facts
          expect(policy.evaluate(facts, { managedLists: new Map(), trace: true }).errors).toEqual([])
          const check = checkRegex(source)
          expect(check.ok && typeof check.pattern.test(email)).toBe('boolean')
        }
      }),
      { numRuns: 150 },
    )
    expect(accepted).toBeGreaterThan(50)
  }, 60_000)
})

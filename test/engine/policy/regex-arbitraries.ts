import fc from 'fast-check'

/** Atoms chosen where JavaScript and RE2 could differ: `.`, `\s`, classes, escapes, case. */
const atom = fc.constantFrom(
  'a',
  'b',
  'A',
  '1',
  '-',
  ' ',
  '.',
  '\\d',
  '\\D',
  '\\w',
  '\\W',
  '\\s',
  '\\S',
  '[a-c]',
  '[^b]',
  '[\\s\\d]',
  '[^\\S]',
  '\\.',
  '\\u0041',
  '\\x62',
  '\\n',
  '[]',
  '[^]',
)
const quantifier = fc.constantFrom('', '', '*', '+', '?', '{2}', '{1,3}', '{2,}', '*?', '+?')
const anchor = fc.constantFrom('', '', '', '^', '$', '\\b', '\\B')

/** Regular-expression sources from a small grammar (groups, alternation, quantifiers, anchors). */
export const patternSource: fc.Arbitrary<string> = fc.letrec<{ seq: string; term: string }>((tie) => ({
  term: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.tuple(atom, quantifier).map(([a, q]) => a + q),
    anchor,
    fc
      .tuple(fc.array(tie('seq'), { minLength: 1, maxLength: 3 }), quantifier, fc.boolean())
      .map(([alts, q, capturing]) => `(${capturing ? '' : '?:'}${alts.join('|')})${q}`),
  ),
  seq: fc.array(tie('term'), { maxLength: 4 }).map((t) => t.join('')),
})).seq

export const flags = fc.constantFrom('', 'i', 'm', 's', 'u', 'is', 'mu', 'ims')

/** Short inputs over the characters where the engines' definitions differ. */
export const subject = fc.string({
  unit: fc.constantFrom(
    'a',
    'b',
    'A',
    'B',
    'c',
    '1',
    '9',
    '-',
    '_',
    '.',
    ' ',
    '\n',
    '\r',
    '\t',
    '\u00a0',
    '\u2028',
    'é',
  ),
  maxLength: 12,
})

/** Text that makes a backtracking engine explode on an ambiguous pattern. */
export const ADVERSARIAL = [`${'a'.repeat(50_000)}!`, `${'1'.repeat(50_000)}-`, `${'ab'.repeat(25_000)}\n!`]

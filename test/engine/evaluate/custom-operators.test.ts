import { describe, expect, it } from 'vitest'
import { resolveOperator } from '../../../engine/src/evaluate/operators/index.js'
import { runState } from './support/run-state.js'

const lists = { blocked: ['bad@example.com', 'kp', '411111'], empty: [] }

function run(operator: string, fact: unknown, value: unknown) {
  const op = resolveOperator(operator)
  if (op === null) throw new Error(`unknown operator ${operator}`)
  const st = runState(lists)
  return { result: op.fn(fact, value, st), matches: st.listMatches }
}

type Row = [label: string, fact: unknown, value: unknown, expected: boolean]

describe.each<[string, Row[]]>([
  [
    'inList',
    [
      ['exact entry', 'bad@example.com', 'blocked', true],
      ['trimmed and lower-cased', '  BAD@Example.COM ', 'blocked', true],
      ['not in the list', 'good@example.com', 'blocked', false],
      ['empty list', 'kp', 'empty', false],
      ['array fact with one entry in the list', ['us', 'KP'], 'blocked', true],
      ['array fact with none in the list', ['us', 'ca'], 'blocked', false],
      ['empty array fact', [], 'blocked', false],
      ['number compares as its decimal string', 411111, 'blocked', true],
      ['substring is not membership', 'kpx', 'blocked', false],
      ['undefined fact', undefined, 'blocked', false],
      ['null fact', null, 'blocked', false],
      ['boolean fact', true, 'blocked', false],
      ['object fact', { kp: true }, 'blocked', false],
    ],
  ],
  [
    'notInList',
    [
      ['exact entry', 'bad@example.com', 'blocked', false],
      ['trimmed and lower-cased', ' KP ', 'blocked', false],
      ['not in the list', 'good@example.com', 'blocked', true],
      ['empty list', 'kp', 'empty', true],
      ['array fact with one entry in the list', ['us', 'kp'], 'blocked', false],
      ['array fact with none in the list', ['us'], 'blocked', true],
      ['undefined fact', undefined, 'blocked', true],
      ['null fact', null, 'blocked', true],
    ],
  ],
  [
    'matches',
    [
      ['unanchored match', 'order-123', '\\d+', true],
      ['anchored miss', 'order-123', '^\\d+$', false],
      ['case-sensitive by default', 'ABC', 'abc', false],
      ['/pattern/i is case-insensitive', 'ABC', '/abc/i', true],
      ['/pattern/s dot matches newline', 'a\nb', '/a.b/s', true],
      ['empty pattern matches every string', '', '', true],
      ['number fact is not coerced', 123, '\\d+', false],
      ['undefined fact', undefined, 'undefined', false],
      ['null fact', null, 'null', false],
      ['array fact', ['abc'], 'abc', false],
      ['non-string pattern', 'abc', 5, false],
    ],
  ],
  [
    'doesNotMatch',
    [
      ['match', 'order-123', '\\d+', false],
      ['no match', 'order-x', '\\d+', true],
      ['/i flag', 'ABC', '/abc/i', false],
      ['number fact', 123, 'x', false],
      ['undefined fact', undefined, 'x', false],
    ],
  ],
  [
    'startsWith',
    [
      ['prefix', 'mailinator.com', 'mail', true],
      ['case-insensitive', 'MailInator.com', 'mAIL', true],
      ['whole string', 'abc', 'abc', true],
      ['longer than the fact', 'ab', 'abc', false],
      ['suffix is not a prefix', 'abc', 'bc', false],
      ['empty prefix', 'abc', '', true],
      ['number fact', 123, '1', false],
      ['null fact', null, 'n', false],
      ['array fact', ['abc'], 'a', false],
      ['non-string value', 'abc', 1, false],
    ],
  ],
  [
    'endsWith',
    [
      ['suffix', 'user@mailinator.com', '.com', true],
      ['case-insensitive', 'user@X.COM', '@x.com', true],
      ['prefix is not a suffix', 'abc', 'ab', false],
      ['longer than the fact', 'bc', 'abc', false],
      ['empty suffix', 'abc', '', true],
      ['number fact', 123, '3', false],
      ['undefined fact', undefined, 'd', false],
      ['non-string value', 'abc', null, false],
    ],
  ],
])('%s', (operator, rows) => {
  it.each(rows)('%s', (_label, fact, value, expected) => {
    expect(run(operator, fact, value).result).toBe(expected)
  })
})

describe('managed-list operators', () => {
  it('records every hit with the list, the normalised value and the rule, whichever operator', () => {
    expect(run('inList', ['KP', 'us', ' 411111'], 'blocked').matches).toEqual([
      { list: 'blocked', value: 'kp', ruleId: 'rule-1' },
      { list: 'blocked', value: '411111', ruleId: 'rule-1' },
    ])
    expect(run('notInList', 'Bad@Example.com', 'blocked').matches).toEqual([
      { list: 'blocked', value: 'bad@example.com', ruleId: 'rule-1' },
    ])
    expect(run('inList', 'nobody', 'blocked').matches).toEqual([])
  })

  it('records a repeated hit once', () => {
    expect(run('inList', ['kp', 'KP'], 'blocked').matches).toHaveLength(1)
  })

  it.each(['inList', 'notInList'])('%s throws on an unknown list name (the rule errs)', (operator) => {
    expect(() => run(operator, 'kp', 'no-such-list')).toThrow(/Unknown managed list/)
    expect(() => run(operator, 'kp', 42)).toThrow(TypeError)
  })

  it('composes with decorators like any json-rules-engine operator', () => {
    expect(run('not:inList', 'kp', 'blocked').result).toBe(false)
    expect(run('someFact:startsWith', ['abc', 'xyz'], 'X').result).toBe(true)
    expect(run('everyFact:endsWith', ['a.com', 'b.org'], '.com').result).toBe(false)
  })
})

describe('pattern syntax', () => {
  it.each([
    ['/a/g', 'g'],
    ['/a/y', 'y'],
    ['(unclosed', 'invalid pattern'],
  ])('throws when evaluating %s (%s), so the rule errs', (pattern) => {
    expect(() => run('matches', 'a', pattern)).toThrow(SyntaxError)
  })
})

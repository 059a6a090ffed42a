import { describe, expect, it } from 'vitest'
import { formatPath, parseIssuePath } from '../../studio/src/editor/issue-path.js'
import { issuesToMarkers, LineIndex, Severity } from '../../studio/src/editor/issues-to-markers.js'

const doc = {
  schemaVersion: 1,
  settings: { thresholds: { review: 40, decline: 80 } },
  rules: [
    {
      id: 'a',
      category: 'fraud',
      conditions: { all: [{ fact: 'order', path: '$.total', operator: 'greaterThan', value: 10 }] },
      event: { type: 'score', params: { points: 5 } },
    },
    {
      id: 'b',
      category: 'fraud',
      conditions: { all: [{ fact: 'order', path: '$.total', operator: 'biggerThan', value: 10 }] },
      event: { type: 'review' },
    },
  ],
}
const text = JSON.stringify(doc, null, 2)

/** The text a marker covers, for asserting placement without hard-coding line numbers. */
function covered(
  t: string,
  m: { startLineNumber: number; startColumn: number; endLineNumber: number; endColumn: number },
) {
  const lines = t.split('\n')
  if (m.startLineNumber === m.endLineNumber)
    return lines[m.startLineNumber - 1]!.slice(m.startColumn - 1, m.endColumn - 1)
  return [
    lines[m.startLineNumber - 1]!.slice(m.startColumn - 1),
    ...lines.slice(m.startLineNumber, m.endLineNumber - 1),
    lines[m.endLineNumber - 1]!.slice(0, m.endColumn - 1),
  ].join('\n')
}

describe('issuesToMarkers', () => {
  it('puts an unknown operator marker exactly on the operator value of the right rule', () => {
    const [m] = issuesToMarkers(text, [
      {
        path: ['rules', 1, 'conditions', 'all', 0, 'operator'],
        message: 'Unknown operator',
        code: 'UNKNOWN_OPERATOR',
      },
    ])
    expect(covered(text, m!)).toBe('"biggerThan"')
    expect(m!.severity).toBe(Severity.Error)
    expect(m!.code).toBe('UNKNOWN_OPERATOR')
    expect(m!.resolvedPath).toEqual(['rules', 1, 'conditions', 'all', 0, 'operator'])
  })

  it('accepts server paths as strings in dotted, $ and JSON Pointer forms', () => {
    const forms = ['rules.1.event.type', '$.rules[1].event.type', '/rules/1/event/type']
    const markers = issuesToMarkers(
      text,
      forms.map((path) => ({ path, message: 'x' })),
      { source: 'server' },
    )
    for (const m of markers) {
      expect(covered(text, m)).toBe('"review"')
      expect(m.source).toBe('server')
    }
  })

  it('falls back to the nearest existing ancestor when the path names a missing field', () => {
    const [m] = issuesToMarkers(text, [
      { path: ['rules', 1, 'event', 'params', 'points'], message: 'points required' },
    ])
    expect(m!.resolvedPath).toEqual(['rules', 1, 'event'])
    expect(covered(text, m!)).toBe('"event": {')
  })

  it('places every issue on line 1 when the text is not JSON at all', () => {
    const markers = issuesToMarkers('not json', [{ path: ['rules', 0], message: 'x' }])
    expect(markers[0]).toMatchObject({ startLineNumber: 1, startColumn: 1 })
  })

  it('uses the given severity for warnings', () => {
    const [m] = issuesToMarkers(text, [{ path: ['rules', 0], message: 'w' }], { severity: Severity.Warning })
    expect(m!.severity).toBe(Severity.Warning)
  })
})

describe('LineIndex', () => {
  it('maps offsets to 1-based line and column, including line starts', () => {
    const idx = new LineIndex('ab\ncd\n\nef')
    expect(idx.position(0)).toEqual({ line: 1, column: 1 })
    expect(idx.position(3)).toEqual({ line: 2, column: 1 })
    expect(idx.position(4)).toEqual({ line: 2, column: 2 })
    expect(idx.position(6)).toEqual({ line: 3, column: 1 })
    expect(idx.position(8)).toEqual({ line: 4, column: 2 })
  })
})

describe('parseIssuePath / formatPath', () => {
  it.each([
    ['$.rules[3].conditions.all[0].operator', ['rules', 3, 'conditions', 'all', 0, 'operator']],
    ['rules.3.event', ['rules', 3, 'event']],
    ['/lists/a~1b/0', ['lists', 'a/b', 0]],
    ['$', []],
    ["$['odd key'].x", ['odd key', 'x']],
  ])('parses %s', (input, expected) => {
    expect(parseIssuePath(input)).toEqual(expected)
  })

  it('formats paths the way analysts read them and round-trips through parse', () => {
    const path = ['rules', 3, 'conditions', 'all', 0, 'operator']
    expect(formatPath(path)).toBe('rules[3].conditions.all[0].operator')
    expect(parseIssuePath(formatPath(path))).toEqual(path)
    expect(formatPath([])).toBe('(document)')
  })
})

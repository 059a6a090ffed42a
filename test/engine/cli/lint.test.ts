import { describe, expect, it } from 'vitest'
import { run } from './capture-io.js'

const INVALID = `{
  "schemaVersion": 1,
  "settings": { "thresholds": { "review": 40, "decline": 80 } },
  "rules": [
    {
      "id": "fraud.x",
      "category": "fraud",
      "conditions": { "all": [{ "fact": "order", "path": "$.total", "operator": "equals", "value": 1 }] },
      "event": { "type": "tag", "params": { "tag": "x" } }
    }
  ]
}`

const WARNING_ONLY = {
  schemaVersion: 1,
  settings: { thresholds: { review: 40, decline: 80 } },
  rules: [
    {
      id: 'fraud.y',
      category: 'fraud',
      conditions: { all: [{ fact: 'totals', path: '$.nope', operator: 'equal', value: 1 }] },
      event: { type: 'tag', params: { tag: 'y' } },
    },
  ],
}

describe('verdict lint', () => {
  it.each(['acme-apparel', 'volt-electronics', 'fresh-cellar'])(
    'exits 0 and reports rules/%s clean',
    async (client) => {
      const { code, out } = await run(['lint', `rules/${client}.policy.json`])
      expect(code).toBe(0)
      expect(out).toMatch(/^✓ rules\/.+: valid \(\d+ rules; 0 errors, 0 warnings\)$/)
    },
  )

  it('exits 1 and prints each error with file:line:column, JSON path and code', async () => {
    const { code, out } = await run(['lint', 'bad.json'], { 'bad.json': INVALID })
    expect(code).toBe(1)
    // line 8 of INVALID, the column of the "equals" string value
    const col = INVALID.split('\n')[7]!.indexOf('"equals"') + 1
    expect(out).toContain(`bad.json:8:${col}  error  $.rules[0].conditions.all[0].operator  UNKNOWN_OPERATOR`)
    expect(out).toMatch(/✗ bad\.json: invalid \(1 error, 0 warnings\)$/)
  })

  it('exits 0 when there are only warnings, and prints them', async () => {
    const { code, out } = await run(['lint', 'warn.json'], { 'warn.json': WARNING_ONLY })
    expect(code).toBe(0)
    expect(out).toContain('warning  $.rules[0].conditions.all[0].path  UNKNOWN_FACT_PATH')
    expect(out).toContain('valid (1 rule; 0 errors, 1 warning)')
  })

  it('prints machine-readable issues with --json', async () => {
    const { code, out } = await run(['lint', 'bad.json', '--json'], { 'bad.json': INVALID })
    expect(code).toBe(1)
    const report = JSON.parse(out)
    expect(report.valid).toBe(false)
    expect(report.issues).toEqual([
      expect.objectContaining({
        code: 'UNKNOWN_OPERATOR',
        path: ['rules', 0, 'conditions', 'all', 0, 'operator'],
        jsonPath: '$.rules[0].conditions.all[0].operator',
        location: expect.objectContaining({ line: 8 }),
      }),
    ])
  })

  it('exits 2 for a file that is not JSON or does not exist', async () => {
    const notJson = await run(['lint', 'x.json'], { 'x.json': '{ "schemaVersion": 1,' })
    expect(notJson.code).toBe(2)
    expect(notJson.err).toContain('x.json: not valid JSON')
    const missing = await run(['lint', 'rules/does-not-exist.policy.json'])
    expect(missing.code).toBe(2)
    expect(missing.err).toContain('cannot read (no such file)')
  })

  it.each([
    [['lint']],
    [['lint', 'a.json', 'b.json']],
    [['lint', 'a.json', '--nope']],
    [['frobnicate']],
    [[]],
  ])('exits 2 with the usage for %j', async (argv) => {
    const { code, err } = await run(argv)
    expect(code).toBe(2)
    expect(err).toContain('Usage:')
  })
})

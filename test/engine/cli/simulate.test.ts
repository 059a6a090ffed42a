import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { ACME, acmeSample, run } from './capture-io.js'

const sample = (name: string) => JSON.parse(readFileSync(acmeSample(name), 'utf8'))

describe('verdict simulate', () => {
  it('prints the decision, the reasons and a trace for a sample, and confirms its expectation', async () => {
    const { code, out } = await run(['simulate', ACME, acmeSample('05-review-new-customer-foreign-card')])
    expect(code).toBe(0)
    expect(out).toContain('Outcome: REVIEW   score 45   (review at 40, decline at 80)')
    expect(out).toMatch(/payment\.card-country-mismatch +score \+15 +Card country differs/)
    expect(out).toContain('Shipping: standard via UPS, estimated delivery 2026-11-27 to 2026-12-01')
    expect(out).toContain('[fired]     payment.card-country-mismatch  (payment, priority 70, score +15)')
    expect(out).toContain('        ✓ payment $.cardCountryMismatch = true  equal  true')
    // a fact-valued `value` shows the fact it came from and what it resolved to
    expect(out).toContain('✗ address $.shippingCountry = "US"  notIn  lists $.shipCountries = ["US","CA"]')
    // condition references are expanded under their name
    expect(out).toMatch(
      /✓ condition "newCustomer"\n +✓ any \(2\)\n +✓ customer \$\.isFirstOrder = true {2}equal {2}true/,
    )
    expect(out).toContain('[disabled]  fraud.freemail-first-order')
    expect(out).toContain("✓ matches the sample's expected decision")
  })

  it('uses the managed lists beside the policy and reports list matches', async () => {
    const { code, out } = await run(['simulate', ACME, acmeSample('04-decline-blocked-email')])
    expect(code).toBe(0)
    expect(out).toContain('Outcome: DECLINE')
    expect(out).toContain(
      'List match: blocked-emails has "chargeback.king@mailinator.com" (fraud.blocked-email)',
    )
  })

  it('uses --lists instead of the file beside the policy', async () => {
    const { order } = sample('04-decline-blocked-email')
    const { code, out } = await run(
      ['simulate', ACME, 'order.json', '--lists', 'empty-lists.json', '--data', 'd.json'],
      {
        'order.json': order,
        'empty-lists.json': {
          'blocked-emails': { items: [] },
          'blocked-ips': { items: [] },
          'trusted-customers': { items: [] },
        },
        'd.json': { isFirstOrder: true },
      },
    )
    expect(code).toBe(0)
    expect(out).not.toContain('fraud.blocked-email  decline')
    expect(out).toContain('Outcome: APPROVE   score 35')
  })

  it('applies a --data file to a bare order (velocity overrides)', async () => {
    const { order } = sample('01-approve-returning-customer')
    const { code, out } = await run(['simulate', ACME, 'order.json', '--data', 'data.json'], {
      'order.json': order,
      'data.json': { isFirstOrder: false, velocity: { ordersByIp1h: 4, ordersByEmail24h: 3 } },
    })
    expect(code).toBe(0)
    expect(out).toContain('Outcome: REVIEW   score 55')
    expect(out).toContain('✓ velocity $.ordersByIp1h = 4  greaterThanInclusive  4')
    expect(out).not.toContain('matches the sample')
  })

  it('exits 1 and lists the differences when a sample expectation does not hold', async () => {
    const s = sample('05-review-new-customer-foreign-card')
    const wrong = { ...s, expected: { ...s.expected, outcome: 'approve', score: 0 } }
    const { code, out } = await run(['simulate', ACME, 'wrong.json'], { 'wrong.json': wrong })
    expect(code).toBe(1)
    expect(out).toContain("✗ differs from the sample's expected decision:")
    expect(out).toContain('outcome: expected approve, got review')
    expect(out).toContain('score: expected 0, got 45')
  })

  it('prints the decision, trace and facts as JSON with --json', async () => {
    const { code, out } = await run([
      'simulate',
      ACME,
      acmeSample('02-express-after-cutoff-thanksgiving'),
      '--json',
    ])
    expect(code).toBe(0)
    const report = JSON.parse(out)
    expect(report.orderId).toBe('A-1002')
    expect(report.decision.outcome).toBe('approve')
    expect(report.decision.shipping).toEqual({
      method: 'express',
      carrier: 'FedEx',
      estimatedDelivery: { earliest: '2026-11-30', latest: '2026-12-01' },
    })
    expect(report.trace).toHaveLength(37)
    expect(
      report.trace
        .filter((t: { status: string }) => t.status === 'fired')
        .map((t: { ruleId: string }) => t.ruleId),
    ).toEqual(['shipping.tag-expedited'])
    expect(report.facts.customer.emailDomain).toBe('example.net')
    expect(report.sample).toEqual(expect.objectContaining({ matches: true, differences: [] }))
  })

  it('refuses an order with a card number without printing the digits', async () => {
    const { order } = sample('01-approve-returning-customer')
    const withPan = { ...order, note: 'card 4111 1111 1111 1111 exp 12/29' }
    const { code, out, err } = await run(['simulate', ACME, 'pan.json'], { 'pan.json': withPan })
    expect(code).toBe(1)
    expect(out).toBe('')
    expect(err).toContain('pan_detected')
    expect(err).not.toMatch(/4111/)
  })

  it('exits 1 for an invalid policy and 2 for a missing order file', async () => {
    const bad = await run(['simulate', 'bad.json', acmeSample('01-approve-returning-customer')], {
      'bad.json': { schemaVersion: 1, settings: { thresholds: { review: 80, decline: 40 } }, rules: [] },
    })
    expect(bad.code).toBe(1)
    expect(bad.err).toContain('THRESHOLDS_ORDER')
    const missing = await run(['simulate', ACME, 'rules/nope.json'])
    expect(missing.code).toBe(2)
    expect(missing.err).toContain('rules/nope.json: cannot read')
  })

  it('exits 2 for an invalid data file, naming the field', async () => {
    const { code, err } = await run(
      ['simulate', ACME, acmeSample('01-approve-returning-customer'), '--data', 'd.json'],
      {
        'd.json': { velocity: { ordersByIp1h: -1 } },
      },
    )
    expect(code).toBe(2)
    expect(err).toContain('d.json: not a valid data file at $.velocity.ordersByIp1h')
  })
})

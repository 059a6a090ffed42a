import { describe, expect, it } from 'vitest'
import { href, parseHash } from '../../studio/src/lib/router.js'

describe('parseHash', () => {
  it.each([
    ['', { name: 'clients' }],
    ['#/', { name: 'clients' }],
    ['#/clients/acme', { name: 'client', clientId: 'acme' }],
    ['#/clients/acme/versions/3', { name: 'version', clientId: 'acme', version: 3 }],
    ['#/clients/acme/diff/2/5', { name: 'diff', clientId: 'acme', a: 2, b: 5 }],
    ['#/clients/acme/editor', { name: 'editor', clientId: 'acme', from: null }],
    ['#/clients/acme/editor?from=4', { name: 'editor', clientId: 'acme', from: 4 }],
    ['#/clients/acme/decisions/dec_1', { name: 'decision', clientId: 'acme', decisionId: 'dec_1' }],
    ['#/clients/acme/versions/x', { name: 'not-found', path: '/clients/acme/versions/x' }],
    ['#/nope', { name: 'not-found', path: '/nope' }],
  ])('parses %s', (hash, route) => {
    expect(parseHash(hash)).toEqual(route)
  })

  it('keeps the decision filters of the query string', () => {
    const r = parseHash('#/clients/acme/decisions?outcome=review&orderId=A-1')
    expect(r.name).toBe('decisions')
    if (r.name === 'decisions')
      expect(Object.fromEntries(r.query)).toEqual({ outcome: 'review', orderId: 'A-1' })
  })

  it('round-trips every link builder through the parser, with awkward ids', () => {
    const id = 'dec/1 ?#'
    expect(parseHash(href.decision('acme', id))).toEqual({
      name: 'decision',
      clientId: 'acme',
      decisionId: id,
    })
    expect(parseHash(href.diff('acme', 1, 2))).toEqual({ name: 'diff', clientId: 'acme', a: 1, b: 2 })
    expect(parseHash(href.editor('acme', 7))).toEqual({ name: 'editor', clientId: 'acme', from: 7 })
    const q = new URLSearchParams({ ruleId: 'fraud.x', from: '2026-01-01' })
    const r = parseHash(href.decisions('acme', q))
    expect(r.name === 'decisions' && r.query.get('ruleId')).toBe('fraud.x')
  })
})

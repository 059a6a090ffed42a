import { describe, expect, it } from 'vitest'
import { adaptClients } from '../../studio/src/models/client.js'
import { adaptDecision, adaptDecisionPage, adaptReproduction } from '../../studio/src/models/decision.js'
import { adaptVersion, adaptVersions } from '../../studio/src/models/policy-version.js'
import { adaptIdentity, permissionsFor } from '../../studio/src/models/session.js'

describe('adaptClients', () => {
  it('accepts a bare array or a wrapper and sorts by name', () => {
    const rows = [{ id: 'volt', name: 'Volt' }, { id: 'acme', name: 'Acme' }, { bad: true }]
    expect(adaptClients(rows).map((c) => c.id)).toEqual(['acme', 'volt'])
    expect(adaptClients({ data: rows }).map((c) => c.id)).toEqual(['acme', 'volt'])
    expect(adaptClients({ clients: rows })).toHaveLength(2)
  })
})

describe('adaptVersions / adaptVersion', () => {
  it('orders versions newest first and normalises unknown statuses to draft', () => {
    const v = adaptVersions([
      { version: 1, status: 'retired', comment: 'first', createdBy: 'ann' },
      { version: 3, status: 'weird' },
      { version: 2, status: 'live' },
    ])
    expect(v.map((x) => [x.version, x.status])).toEqual([
      [3, 'draft'],
      [2, 'live'],
      [1, 'retired'],
    ])
    expect(v[2]!.createdBy).toBe('ann')
  })
  it('keeps the document of one version', () => {
    expect(adaptVersion({ version: 2, status: 'live', document: { rules: [] } })?.document).toEqual({
      rules: [],
    })
    expect(adaptVersion({ nope: 1 })).toBeNull()
  })
})

describe('adaptDecision', () => {
  it('reads the api.md decision and takes the order from the facts when not sent separately', () => {
    const d = adaptDecision({
      decisionId: 'dec_1',
      orderId: 'A-1',
      outcome: 'decline',
      score: 55,
      policyVersion: 3,
      reasons: [{ ruleId: 'r', category: 'fraud', type: 'score', points: 55 }],
      facts: { order: { id: 'A-1' } },
      trace: [],
    })
    expect(d).toMatchObject({ decisionId: 'dec_1', outcome: 'decline', score: 55, policyVersion: 3 })
    expect(d.order).toEqual({ id: 'A-1' })
  })
  it('pages with a cursor', () => {
    const p = adaptDecisionPage({ data: [{ decisionId: 'd1', outcome: 'approve' }], nextCursor: 'c2' })
    expect(p.items.map((d) => d.decisionId)).toEqual(['d1'])
    expect(p.nextCursor).toBe('c2')
    expect(adaptDecisionPage({ decisions: [] }).nextCursor).toBeNull()
  })
  it('reads a reproduction', () => {
    expect(adaptReproduction({ identical: true, differences: [] })).toEqual({
      identical: true,
      differences: [],
    })
    const r = adaptReproduction({
      identical: false,
      differences: [{ path: 'score', stored: 50, reproduced: 55 }],
    })
    expect(r.differences).toEqual([{ path: 'score', stored: 50, reproduced: 55 }])
  })
})

describe('identity and permissions', () => {
  it('reads the role and client scope of a key', () => {
    expect(adaptIdentity({ role: 'analyst', clients: ['acme'], name: 'ann' })).toEqual({
      name: 'ann',
      role: 'analyst',
      clients: ['acme'],
    })
    expect(adaptIdentity({ data: { key: { role: 'admin', clients: [] } } }).clients).toBeNull()
    expect(adaptIdentity({ role: 'root' }).role).toBeNull()
  })
  it.each([
    ['analyst', { author: true, simulate: true, publish: false, reproduce: true, readOnly: false }],
    ['publisher', { author: false, simulate: false, publish: true, reproduce: false, readOnly: false }],
    ['auditor', { author: false, simulate: false, publish: false, reproduce: true, readOnly: true }],
    ['admin', { author: true, simulate: true, publish: true, reproduce: true, readOnly: false }],
  ] as const)('gives %s the right actions', (role, perms) => {
    expect(permissionsFor(role)).toEqual(perms)
  })
})

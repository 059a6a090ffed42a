import { describe, expect, it } from 'vitest'
import { jsonChecksum } from '../../api/src/lib/checksum.js'
import { describeCommonRouteTests } from '../support/common-route-tests.js'
import { createClientWithKeys, policyFactory } from '../support/factories.js'
import { useHarness } from '../support/harness.js'

const h = useHarness()

const storedVersions = (clientId: string) =>
  h.db.selectFrom('policy_versions').where('client_id', '=', clientId).selectAll().execute()

async function save(clientId: string, key: string, document: unknown, comment = 'test') {
  return h.request('POST', `/v1/clients/${clientId}/policy/versions`, { key, body: { document, comment } })
}

describe('POST /v1/clients/:clientId/policy/versions', () => {
  it('saves an immutable draft version with the checksum of its canonical JSON', async () => {
    const { clientId, keys } = await createClientWithKeys(h)
    const document = policyFactory()
    const res = await save(clientId, keys.analyst, document, 'first')
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({
      version: 1,
      status: 'draft',
      comment: 'first',
      checksum: jsonChecksum(document),
    })
    expect(Array.isArray(res.body.warnings)).toBe(true)
    const second = await save(clientId, keys.analyst, document)
    expect(second.body.version).toBe(2)
  })

  it('gives the same checksum whatever the key order', async () => {
    const { clientId, keys } = await createClientWithKeys(h)
    const document = policyFactory()
    const reordered = Object.fromEntries(Object.entries(document).reverse())
    const a = await save(clientId, keys.analyst, document)
    const b = await save(clientId, keys.analyst, reordered)
    expect(a.body.checksum).toBe(b.body.checksum)
  })

  it('returns 422 invalid_policy with JSON paths into the document (policies.md)', async () => {
    const { clientId, keys } = await createClientWithKeys(h)
    const document = policyFactory()
    const rules = document.rules as { event: { params: Record<string, unknown> } }[]
    rules[1]!.event.params.points = 'thirty'
    const res = await save(clientId, keys.analyst, document)
    expect(res.status).toBe(422)
    expect(res.body.error.code).toBe('invalid_policy')
    const paths = res.body.error.issues.map((issue: { path: string }) => issue.path)
    expect(paths).toContain('$.rules[1].event.params.points')
    expect(await storedVersions(clientId)).toEqual([])
  })

  it('refuses score points that can add up to Infinity (a score with no JSON form), storing nothing', async () => {
    const { clientId, keys } = await createClientWithKeys(h)
    const document = policyFactory()
    const rules = document.rules as { id: string; event: { type: string; params: Record<string, unknown> } }[]
    const score = rules.find((r) => r.event.type === 'score')!
    score.event.params.points = 1e308
    rules.push({ ...structuredClone(score), id: 'fraud.twice' })
    const res = await save(clientId, keys.analyst, document)
    expect(res.status).toBe(422)
    expect(res.body.error.issues).toEqual([
      {
        path: `$.rules[${rules.length - 1}].event.params.points`,
        code: 'SCORE_OUT_OF_RANGE',
        message: expect.stringContaining('add up beyond'),
      },
    ])
    expect(await storedVersions(clientId)).toEqual([])
  })

  it('returns 422 naming document when it is missing', async () => {
    const { clientId, keys } = await createClientWithKeys(h)
    const res = await h.request('POST', `/v1/clients/${clientId}/policy/versions`, {
      key: keys.analyst,
      body: {},
    })
    expect(res.status).toBe(422)
    expect(res.body.error.issues[0].path).toBe('document')
  })
})

describe('versions: list, get, diff, publish, live', () => {
  it('publishes, retires the previous version and rolls back by publishing an older one', async () => {
    const { clientId, keys } = await createClientWithKeys(h)
    await save(clientId, keys.analyst, policyFactory())
    await save(clientId, keys.analyst, policyFactory({ description: 'v2' }))
    const noLive = await h.request('GET', `/v1/clients/${clientId}/policy/live`, { key: keys.auditor })
    expect(noLive.status).toBe(404)

    const p1 = await h.request('POST', `/v1/clients/${clientId}/policy/versions/1/publish`, {
      key: keys.publisher,
      body: { comment: 'go live' },
    })
    expect(p1.status).toBe(200)
    expect(p1.body).toMatchObject({ version: 1, status: 'live', previousVersion: null })
    const p2 = await h.request('POST', `/v1/clients/${clientId}/policy/versions/2/publish`, {
      key: keys.publisher,
      body: { comment: 'v2' },
    })
    expect(p2.body).toMatchObject({ version: 2, status: 'live', previousVersion: 1 })

    const list = await h.request('GET', `/v1/clients/${clientId}/policy/versions`, { key: keys.integrator })
    expect(list.body.data.map((v: { version: number; status: string }) => [v.version, v.status])).toEqual([
      [2, 'live'],
      [1, 'retired'],
    ])
    const rollback = await h.request('POST', `/v1/clients/${clientId}/policy/versions/1/publish`, {
      key: keys.publisher,
      body: { comment: 'rollback' },
    })
    expect(rollback.body).toMatchObject({ version: 1, previousVersion: 2 })
    // Publishing the live version again changes nothing, and answers as the publication that made it live.
    const again = await h.request('POST', `/v1/clients/${clientId}/policy/versions/1/publish`, {
      key: keys.publisher,
      body: { comment: 'again' },
    })
    expect(again.body).toMatchObject({ version: 1, status: 'live', previousVersion: 2 })
    expect(again.body.publishedAt).toBe(rollback.body.publishedAt)
    const live = await h.request('GET', `/v1/clients/${clientId}/policy/live`, { key: keys.auditor })
    expect(live.body).toMatchObject({ version: 1, status: 'live' })
    expect(live.body.document).toEqual(policyFactory())
    const log = await h.request('GET', `/v1/clients/${clientId}/policy/publications`, { key: keys.auditor })
    expect(log.body.data.map((p: { version: number; comment: string }) => [p.version, p.comment])).toEqual([
      [1, 'rollback'],
      [2, 'v2'],
      [1, 'go live'],
    ])
  })

  it('gets one version with its document and 404s for unknown or impossible versions', async () => {
    const { clientId, keys } = await createClientWithKeys(h)
    await save(clientId, keys.analyst, policyFactory())
    const one = await h.request('GET', `/v1/clients/${clientId}/policy/versions/1`, { key: keys.auditor })
    expect(one.status).toBe(200)
    expect(one.body.document).toEqual(policyFactory())
    for (const bad of ['2', '0', 'abc', '1.5', '99999999999']) {
      const res = await h.request('GET', `/v1/clients/${clientId}/policy/versions/${bad}`, {
        key: keys.auditor,
      })
      expect(res.status, bad).toBe(404)
    }
    const publishMissing = await h.request('POST', `/v1/clients/${clientId}/policy/versions/7/publish`, {
      key: keys.publisher,
      body: {},
    })
    expect(publishMissing.status).toBe(404)
  })

  it('diffs two versions by rule id', async () => {
    const { clientId, keys } = await createClientWithKeys(h)
    const base = policyFactory()
    const rules = (base.rules as { id: string }[]).slice(0, 2)
    await save(clientId, keys.analyst, base)
    await save(clientId, keys.analyst, { ...base, rules })
    const res = await h.request('GET', `/v1/clients/${clientId}/policy/versions/1/diff/2`, {
      key: keys.auditor,
    })
    expect(res.status).toBe(200)
    expect(JSON.stringify(res.body)).toContain('fraud.email-velocity-24h')
  })

  it('refuses a publish by an analyst and a save by an integrator or publisher (403)', async () => {
    const { clientId, keys } = await createClientWithKeys(h)
    await save(clientId, keys.analyst, policyFactory())
    const publish = await h.request('POST', `/v1/clients/${clientId}/policy/versions/1/publish`, {
      key: keys.analyst,
      body: {},
    })
    expect(publish.status).toBe(403)
    for (const key of [keys.integrator, keys.publisher, keys.auditor]) {
      expect((await save(clientId, key, policyFactory())).status).toBe(403)
    }
  })
})

describeCommonRouteTests(h, {
  method: 'POST',
  path: (id) => `/v1/clients/${id}/policy/versions`,
  body: { document: policyFactory(), comment: 'x' },
  forbiddenRole: 'integrator',
})
describeCommonRouteTests(h, { method: 'GET', path: (id) => `/v1/clients/${id}/policy/versions` })
describeCommonRouteTests(h, {
  method: 'POST',
  path: (id) => `/v1/clients/${id}/policy/versions/1/publish`,
  body: { comment: 'x' },
  forbiddenRole: 'auditor',
})

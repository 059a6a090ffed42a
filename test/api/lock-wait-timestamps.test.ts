import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { createClientWithKeys, orderFactory, policyFactory } from '../support/factories.js'
import { useHarness } from '../support/harness.js'
import { publishPolicy } from '../support/policies.js'

// Auditors order events by their times: a cancellation or a publication that waited for a row lock
// held by a concurrent change must be stamped when it took effect, after that change, not when its
// request arrived (then a decision stored first would look made after the cancellation, and of two
// racing publications the later one would look the earlier). Needs a second connection to hold the
// lock: PostgreSQL only (PGlite has one).
const h = useHarness()
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Holds `lock` (a SELECT … FOR UPDATE) for ~200 ms while `act` runs; answers act's answer and when the lock was let go. */
async function whileLocked<T>(lock: ReturnType<typeof sql>, act: () => Promise<T>) {
  let released = 0
  let acting: Promise<T> | undefined
  await h.db.transaction().execute(async (trx) => {
    await lock.execute(trx)
    acting = act()
    await sleep(200)
    released = Date.now()
  })
  return { answer: await acting!, released }
}

describe.runIf(process.env.TEST_DATABASE_URL)('times of changes that waited for a row lock', () => {
  it('stamps a cancel with the time it took effect, after the lock it waited for', async () => {
    const { clientId, keys } = await createClientWithKeys(h)
    await publishPolicy(h, clientId)
    const order = orderFactory()
    expect(
      (
        await h.request('POST', `/v1/clients/${clientId}/orders/evaluate`, {
          key: keys.integrator,
          body: order,
        })
      ).status,
    ).toBe(200)
    const { answer, released } = await whileLocked(
      sql`select 1 from orders where client_id = ${clientId} and order_id = ${order.id as string} for update`,
      () =>
        h.request('POST', `/v1/clients/${clientId}/orders/${order.id}/cancel`, {
          key: keys.integrator,
          body: {},
        }),
    )
    expect(answer.status).toBe(200)
    expect(Date.parse(answer.body.cancelledAt)).toBeGreaterThanOrEqual(released - 5)
  })

  it('stamps a publication with the time it took effect, after the lock it waited for', async () => {
    const { clientId } = await createClientWithKeys(h)
    await publishPolicy(h, clientId)
    const saved = await h.request('POST', `/v1/clients/${clientId}/policy/versions`, {
      key: h.adminKey,
      body: { document: policyFactory(), comment: 'second' },
    })
    expect(saved.status).toBe(201)
    const { answer, released } = await whileLocked(
      sql`select 1 from clients where id = ${clientId} for update`,
      () =>
        h.request('POST', `/v1/clients/${clientId}/policy/versions/${saved.body.version}/publish`, {
          key: h.adminKey,
          body: { comment: 'after the lock' },
        }),
    )
    expect(answer.status).toBe(200)
    expect(Date.parse(answer.body.publishedAt)).toBeGreaterThanOrEqual(released - 5)
    const listed = await h.request('GET', `/v1/clients/${clientId}/policy/versions/${saved.body.version}`, {
      key: h.adminKey,
    })
    expect(listed.body.publishedAt).toBe(answer.body.publishedAt)
  })
})

import { randomBytes } from 'node:crypto'
import type { Role } from '../../api/src/db/tables.js'
import { sampleOrder } from '../engine/order/sample-order.js'
import type { Harness } from './harness.js'

let sequence = 0
const unique = () => `${Date.now().toString(36)}${(sequence++).toString(36)}${randomBytes(2).toString('hex')}`

/** Creates a client through the API (as the bootstrap admin) and returns its id. */
export async function createClient(h: Harness, id = `c-${unique()}`, name = `Client ${id}`): Promise<string> {
  const res = await h.request('POST', '/v1/clients', { key: h.adminKey, body: { id, name } })
  if (res.status !== 201) throw new Error(`createClient failed: ${res.status} ${res.text}`)
  return id
}

/** Creates an API key of `role` scoped to `clientId` and returns the key itself. */
export async function createKey(h: Harness, clientId: string, role: Role): Promise<string> {
  const res = await h.request('POST', `/v1/clients/${clientId}/api-keys`, {
    key: h.adminKey,
    body: { name: `${role} key`, role },
  })
  if (res.status !== 201) throw new Error(`createKey failed: ${res.status} ${res.text}`)
  return res.body.key
}

/** A client with one key per role. */
export async function createClientWithKeys(h: Harness, id?: string) {
  const clientId = await createClient(h, id)
  const [integrator, analyst, publisher, auditor, admin] = await Promise.all(
    (['integrator', 'analyst', 'publisher', 'auditor', 'admin'] as const).map((role) =>
      createKey(h, clientId, role),
    ),
  )
  return {
    clientId,
    keys: { integrator, analyst, publisher, auditor, admin } as Record<Role, string>,
  }
}

type Json = Record<string, unknown>

/** A small valid policy document; override any top-level field. */
export function policyFactory(overrides: Json = {}): Json {
  return {
    schemaVersion: 1,
    description: 'test policy',
    settings: {
      thresholds: { review: 40, decline: 80 },
      timezone: 'UTC',
      shippingMethods: [
        {
          code: 'standard',
          carrier: 'UPS',
          transitDays: { min: 3, max: 5 },
          cutoff: '14:00',
          countries: ['US', 'CA'],
        },
      ],
    },
    lists: { restrictedCountries: ['KP', 'IR'] },
    rules: [
      {
        id: 'shipping.restricted-country',
        category: 'shipping',
        priority: 100,
        conditions: {
          all: [
            {
              fact: 'order',
              path: '$.shippingAddress.country',
              operator: 'in',
              value: { fact: 'lists', path: '$.restrictedCountries' },
            },
          ],
        },
        event: {
          type: 'decline',
          params: { code: 'RESTRICTED_DESTINATION', message: 'Destination is restricted' },
        },
      },
      {
        id: 'payment.avs-none',
        category: 'payment',
        conditions: { all: [{ fact: 'payment', path: '$.avsMatch', operator: 'equal', value: 'none' }] },
        event: { type: 'score', params: { points: 30, message: 'AVS: no match' } },
      },
      {
        id: 'fraud.email-velocity-24h',
        category: 'fraud',
        conditions: {
          all: [{ fact: 'velocity', path: '$.ordersByEmail24h', operator: 'greaterThanInclusive', value: 3 }],
        },
        event: { type: 'score', params: { points: 50, message: 'Many orders from this email in 24h' } },
      },
    ],
    ...overrides,
  }
}

/** A valid order (orders.md example) with a unique id; override any top-level field. */
export function orderFactory(overrides: Json = {}): Json {
  return { ...sampleOrder(), id: `A-${unique()}`, ...overrides }
}

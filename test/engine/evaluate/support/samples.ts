import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { CatalogItem, ClientData, DataNeeds } from '../../../../engine/src/facts/client-data.js'
import { createMemoryProvider } from '../../../../engine/src/facts/memory-provider.js'
import type { Order } from '../../../../engine/src/order/order.types.js'
import type { PolicyDocument } from '../../../../engine/src/policy/policy.types.js'

const rulesDir = fileURLToPath(new URL('../../../../rules/', import.meta.url))
const readJson = (file: string) => JSON.parse(readFileSync(join(rulesDir, file), 'utf8'))

export interface Sample {
  client: string
  name: string
  order: Order
  data: ClientData
  expected: { outcome: string; score: number; reasons: string[]; tags: string[] }
}

const ALL_NEEDS: DataNeeds = { velocity: true, isFirstOrder: true, catalog: true, managedLists: [] }

/**
 * The example clients of rules/: policy plus every sample with its ClientData, loaded by the memory
 * provider from the sample's earlier orders (if any), then the sample's own overrides.
 */
export async function loadClients(): Promise<
  { client: string; policy: PolicyDocument; samples: Sample[] }[]
> {
  const clients = readdirSync(rulesDir)
    .filter((f) => f.endsWith('.policy.json'))
    .map((f) => f.replace('.policy.json', ''))
  return Promise.all(
    clients.map(async (client) => {
      const catalog = readJson(`${client}.catalog.json`) as CatalogItem[]
      const lists = readJson(`${client}.lists.json`) as Record<string, { items: string[] } | string[]>
      const names = readdirSync(join(rulesDir, `${client}.samples`)).sort()
      const samples = await Promise.all(
        names.map(async (name): Promise<Sample> => {
          const s = readJson(`${client}.samples/${name}`)
          const merged: typeof lists = { ...lists, ...s.data.lists }
          const provider = createMemoryProvider({
            orders: s.data.orders ?? [],
            catalog,
            lists: Object.fromEntries(
              Object.entries(merged).map(([k, l]) => [k, Array.isArray(l) ? l : l.items]),
            ),
          })
          const loaded = await provider.load({ order: s.order, needs: ALL_NEEDS })
          const data: ClientData = {
            ...loaded,
            velocity: { ...loaded.velocity, ...s.data.velocity },
            isFirstOrder: s.data.isFirstOrder ?? loaded.isFirstOrder,
          }
          return { client, name, order: s.order, data, expected: s.expected }
        }),
      )
      return { client, policy: readJson(`${client}.policy.json`) as PolicyDocument, samples }
    }),
  )
}

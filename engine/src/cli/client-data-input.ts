import { z } from 'zod'
import type { CatalogItem, ClientData, DataNeeds } from '../facts/client-data.js'
import type { VelocityFact } from '../facts/facts.types.js'
import { createMemoryProvider } from '../facts/memory-provider.js'
import type { Order } from '../order/order.types.js'
import { parseOrder } from '../order/parse-order.js'

/**
 * The client data the CLI and the rules/ examples evaluate with, as plain JSON (no I/O here: the
 * caller reads the files). Three sources, later ones winning:
 * 1. `<client>.catalog.json` and `<client>.lists.json` beside the policy (the API seeder's shape);
 * 2. `data.orders`: earlier orders, from which the memory provider computes velocity and isFirstOrder;
 * 3. `data.velocity` / `data.isFirstOrder` overrides and extra managed-list entries in `data.lists`.
 */
const count = z.number().int().min(0)
const velocitySchema = z.strictObject({
  ordersByEmail1h: count,
  ordersByEmail24h: count,
  ordersByIp1h: count,
  ordersByIp24h: count,
  ordersByCard24h: count,
  distinctCardsByEmail7d: count,
  distinctEmailsByCard7d: count,
  amountByEmail24h: z.number().min(0),
})

export const catalogFileSchema = z.array(
  z.object({
    sku: z.string().min(1),
    name: z.string().optional(),
    price: z.number(),
    currency: z.string(),
    stock: z.number(),
    category: z.string().optional(),
  }),
)

export const listsFileSchema = z.record(
  z.string(),
  z.object({ description: z.string().optional(), items: z.array(z.string()) }),
)

export const clientDataInputSchema = z.strictObject({
  orders: z.array(z.record(z.string(), z.unknown())).optional(),
  velocity: velocitySchema.partial().optional(),
  isFirstOrder: z.boolean().optional(),
  lists: z.record(z.string(), z.array(z.string())).optional(),
  catalog: catalogFileSchema.optional(),
})

export type ClientDataInput = z.infer<typeof clientDataInputSchema>
export type ListsFile = z.infer<typeof listsFileSchema>

export interface ClientDataSources {
  catalog?: readonly CatalogItem[] | undefined
  lists?: ListsFile | undefined
  data?: ClientDataInput | undefined
}

/** Managed lists of the lists file plus the data file's extra entries (same list name = union). */
export function mergeManagedLists(lists: ListsFile | undefined, extra: Record<string, string[]> | undefined) {
  const merged: Record<string, string[]> = {}
  for (const [name, list] of Object.entries(lists ?? {})) merged[name] = [...list.items]
  for (const [name, items] of Object.entries(extra ?? {})) merged[name] = [...(merged[name] ?? []), ...items]
  return merged
}

/** An earlier order, bare or as imported (`{order, label}`), checked like any evaluated order. */
function earlierOrder(raw: Record<string, unknown>, index: number): Order {
  const candidate = 'order' in raw && typeof raw.order === 'object' ? raw.order : raw
  const parsed = parseOrder(candidate)
  if (parsed.ok) return parsed.order
  const first = parsed.issues[0]
  throw new Error(
    `data.orders[${index}] is not a valid order: ${first?.path ?? ''} ${first?.message ?? parsed.code}`,
  )
}

/**
 * ClientData for one order, built with the engine's in-memory provider so the CLI computes velocity
 * and isFirstOrder exactly as the API will.
 *
 * @example
 * const data = await buildClientData(order, compiled.needs, { catalog, lists, data: sample.data })
 */
export async function buildClientData(
  order: Order,
  needs: DataNeeds,
  sources: ClientDataSources,
): Promise<ClientData> {
  const input = sources.data ?? {}
  const catalog = input.catalog ?? sources.catalog
  const provider = createMemoryProvider({
    orders: (input.orders ?? []).map(earlierOrder),
    ...(catalog ? { catalog } : {}),
    lists: mergeManagedLists(sources.lists, input.lists),
  })
  const loaded = await provider.load({ order, needs })
  const velocity: VelocityFact = { ...loaded.velocity, ...input.velocity }
  return { ...loaded, velocity, isFirstOrder: input.isFirstOrder ?? loaded.isFirstOrder }
}

import {
  compilePolicy,
  type Order,
  type PolicyDocument,
  type ReplaySample,
  type SampleOrder,
  VelocityWindow,
  WINDOW_MS,
} from '@verdict/engine'
import type { Kysely } from 'kysely'
import type { Database } from '../db/tables.js'
import { chunkPages, keyRow, parseJson, warmUp } from './chunk-stream.js'
import { currentCatalog, currentLists, planChunks } from './order-source.repository.js'
import { replayData } from './replay-data.js'

/**
 * The most recent `limit` orders with the client data of their time, for re-evaluating a draft in
 * the browser (live impact): velocity and isFirstOrder from the same sliding windows a replay uses,
 * catalog and list data from each order's stored decision when there is one (like a replay).
 */
export async function replaySample(
  db: Kysely<Database>,
  clientId: string,
  limit: number,
): Promise<ReplaySample> {
  const [chunk] = await planChunks(db, clientId, { limit }, limit)
  const listNames = (
    await db.selectFrom('managed_lists').select('name').where('client_id', '=', clientId).execute()
  ).map((r) => r.name)
  const current = {
    catalog: await currentCatalog(db, clientId),
    managedLists: await currentLists(db, clientId, listNames),
  }
  const sample: ReplaySample = {
    orders: [],
    catalog: current.catalog ? [...current.catalog.values()] : null,
    managedLists: Object.fromEntries([...current.managedLists].map(([name, values]) => [name, [...values]])),
  }
  if (!chunk) return sample
  const streamStart = new Date(chunk.lo.at.getTime() - WINDOW_MS.d7)
  const seenBefore = new Set<string>()
  const window = new VelocityWindow({ seenBefore: (email) => seenBefore.has(email) })
  await warmUp(db, clientId, chunk.lo, streamStart, window, 5000, null)
  const consulted = new Map<number, string[]>()
  for await (const page of chunkPages(
    db,
    clientId,
    { lo: chunk.lo, hi: chunk.hi, streamStart, asOf: null, probe: true },
    5000,
  )) {
    for (const email of page.seenBefore) seenBefore.add(email)
    const versions = [
      ...new Set(page.rows.flatMap((r) => (r.stored_version === null ? [] : [r.stored_version]))),
    ]
    const missing = versions.filter((v) => !consulted.has(v))
    if (missing.length > 0) {
      const docs = await db
        .selectFrom('policy_versions')
        .select(['version', 'document'])
        .where('client_id', '=', clientId)
        .where('version', 'in', missing)
        .execute()
      for (const d of docs)
        consulted.set(d.version, compilePolicy(d.document as PolicyDocument).needs.managedLists)
    }
    for (const row of page.rows) {
      const answer = window.next(keyRow(row))
      const lists = row.stored_version === null ? null : (consulted.get(row.stored_version) ?? null)
      const data = replayData(parseJson(row.stored_data), lists, current)
      const stored = data.source === 'storedFacts'
      const item: SampleOrder = {
        order: JSON.parse(row.document) as Order,
        label: row.label,
        velocity: answer.velocity,
        isFirstOrder: answer.isFirstOrder,
        source: data.source,
      }
      if (stored) item.catalog = data.catalog ? [...data.catalog.values()] : null
      if (data.managedLists !== current.managedLists) {
        item.lists = Object.fromEntries([...data.managedLists].map(([name, values]) => [name, [...values]]))
      }
      sample.orders.push(item)
    }
  }
  return sample
}

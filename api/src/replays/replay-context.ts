import {
  compilePolicy,
  createReplayEvaluator,
  type PolicyDocument,
  type ReplayEvaluator,
} from '@verdict/engine'
import { type Kysely, sql } from 'kysely'
import type { Database } from '../db/tables.js'
import { type AsOf, currentCatalog, currentLists } from './order-source.repository.js'
import { asReplayDb } from './replay.tables.js'
import { type CurrentData, type ReplayData, replayData } from './replay-data.js'

/** Everything a chunk evaluates with, loaded once per chunk. */
export interface ChunkContext {
  clientId: string
  /** The orders the replay covers were stored by then. */
  asOf: AsOf
  evaluator: ReplayEvaluator
  current: CurrentData
  /** Loads what `dataFor` needs for these stored decisions' policy versions. */
  prepare(versions: Iterable<number | null>): Promise<void>
  dataFor(stored: unknown, storedVersion: number | null): ReplayData
}

// Compiling both versions costs milliseconds; a worker usually runs several chunks of one replay.
const evaluators = new Map<string, ReplayEvaluator>()

function evaluatorFor(
  replayId: string,
  baseline: PolicyDocument,
  candidate: PolicyDocument,
): ReplayEvaluator {
  let evaluator = evaluators.get(replayId)
  if (!evaluator) {
    evaluator = createReplayEvaluator(baseline, candidate)
    if (evaluators.size >= 8) evaluators.delete(evaluators.keys().next().value!)
    evaluators.set(replayId, evaluator)
  }
  return evaluator
}

export async function loadChunkContext(
  db: Kysely<Database>,
  clientId: string,
  replayId: string,
): Promise<ChunkContext> {
  const replay = await asReplayDb(db)
    .selectFrom('replays')
    .select(['baseline_document', 'candidate_document', sql<string | null>`as_of::text`.as('as_of')])
    .where('client_id', '=', clientId)
    .where('replay_id', '=', replayId)
    .executeTakeFirstOrThrow()
  const evaluator = evaluatorFor(
    replayId,
    replay.baseline_document as PolicyDocument,
    replay.candidate_document as PolicyDocument,
  )
  const current: CurrentData = {
    catalog: evaluator.needs.catalog ? await currentCatalog(db, clientId) : null,
    managedLists: await currentLists(db, clientId, evaluator.needs.managedLists),
  }
  // Which managed lists each stored decision's version consulted (see replayData).
  const consulted = new Map<number, string[]>()
  return {
    clientId,
    asOf: replay.as_of,
    evaluator,
    current,
    async prepare(versions) {
      const missing = [...new Set(versions)].filter((v): v is number => v !== null && !consulted.has(v))
      if (missing.length === 0) return
      const rows = await db
        .selectFrom('policy_versions')
        .select(['version', 'document'])
        .where('client_id', '=', clientId)
        .where('version', 'in', missing)
        .execute()
      for (const row of rows) {
        consulted.set(row.version, compilePolicy(row.document as PolicyDocument).needs.managedLists)
      }
    },
    dataFor(stored, storedVersion) {
      const lists = storedVersion === null ? null : (consulted.get(storedVersion) ?? null)
      return replayData(stored, lists, current)
    },
  }
}

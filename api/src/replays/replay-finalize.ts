import {
  emptyAggregate,
  mergeAggregates,
  type PolicyDocument,
  type ReplayAggregate,
  summarize,
} from '@verdict/engine'
import type { Transaction } from 'kysely'
import type { ReplayDatabase } from './replay.tables.js'
import { finishReplay } from './replays.repository.js'

/** Merges every chunk's aggregate into the summary and marks the replay done (same transaction). */
export async function finalizeReplay(
  trx: Transaction<ReplayDatabase>,
  clientId: string,
  replayId: string,
  aggregates: readonly ReplayAggregate[],
): Promise<void> {
  const replay = await trx
    .selectFrom('replays')
    .select(['baseline_version', 'baseline_document', 'candidate_version', 'candidate_document'])
    .where('client_id', '=', clientId)
    .where('replay_id', '=', replayId)
    .executeTakeFirstOrThrow()
  const merged = aggregates.reduce(mergeAggregates, emptyAggregate())
  const summary = summarize(
    merged,
    { version: replay.baseline_version, document: replay.baseline_document as PolicyDocument },
    { version: replay.candidate_version, document: replay.candidate_document as PolicyDocument },
  )
  await finishReplay(trx, clientId, replayId, { status: 'done', summary })
}

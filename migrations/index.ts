import type { Kysely } from 'kysely'
import { type Migration, type MigrationResultSet, Migrator, NO_MIGRATIONS } from 'kysely/migration'
import * as createClientsAndApiKeys from './2026_11_26_1700_create_clients_and_api_keys.js'
import * as createPolicyVersions from './2026_11_26_1705_create_policy_versions.js'
import * as createOrders from './2026_11_26_1710_create_orders.js'
import * as createDecisions from './2026_11_26_1715_create_decisions.js'
import * as createCatalogAndLists from './2026_11_26_1720_create_catalog_and_lists.js'
import * as createIdempotencyKeys from './2026_11_26_1725_create_idempotency_keys.js'
import * as createReplays from './2026_11_26_1800_create_replays.js'
import * as createReplayOrderSegments from './2026_11_26_1900_create_replay_order_segments.js'
import * as lighterDecisionWrites from './2026_11_27_0900_lighter_decision_writes.js'
import * as orderDocumentsAsJson from './2026_11_27_1000_order_documents_as_json.js'
import * as replaySegmentsLz4 from './2026_11_27_1100_replay_segments_lz4.js'
import * as decisionDocumentsAsJson from './2026_11_27_1200_decision_documents_as_json.js'
import * as idempotencyKeysWithoutClient from './2026_11_27_1300_idempotency_keys_without_client.js'
import * as replayAsOf from './2026_11_27_1400_replay_as_of.js'
import * as ordersEmailIdxReceivedAt from './2026_11_27_1410_orders_email_idx_received_at.js'
import * as decisionDocumentsLz4 from './2026_11_27_1500_decision_documents_lz4.js'
import * as replayChunkFirstEmails from './2026_11_27_1600_replay_chunk_first_emails.js'
import * as compressDecisionRows from './2026_11_27_1700_compress_decision_rows.js'
import * as replayProcessedAtEnd from './2026_11_28_0800_replay_processed_at_end.js'
import * as digestLongOrderKeys from './2026_11_28_1700_digest_long_order_keys.js'

/**
 * Every migration, in order. A static record rather than a folder scan so it works the same under
 * tsx, vitest and any bundler. Add new files here (names sort by their UTC timestamp).
 */
export const migrations: Record<string, Migration> = {
  '2026_11_26_1700_create_clients_and_api_keys': createClientsAndApiKeys,
  '2026_11_26_1705_create_policy_versions': createPolicyVersions,
  '2026_11_26_1710_create_orders': createOrders,
  '2026_11_26_1715_create_decisions': createDecisions,
  '2026_11_26_1720_create_catalog_and_lists': createCatalogAndLists,
  '2026_11_26_1725_create_idempotency_keys': createIdempotencyKeys,
  '2026_11_26_1800_create_replays': createReplays,
  '2026_11_26_1900_create_replay_order_segments': createReplayOrderSegments,
  '2026_11_27_0900_lighter_decision_writes': lighterDecisionWrites,
  '2026_11_27_1000_order_documents_as_json': orderDocumentsAsJson,
  '2026_11_27_1100_replay_segments_lz4': replaySegmentsLz4,
  '2026_11_27_1200_decision_documents_as_json': decisionDocumentsAsJson,
  '2026_11_27_1300_idempotency_keys_without_client': idempotencyKeysWithoutClient,
  '2026_11_27_1400_replay_as_of': replayAsOf,
  '2026_11_27_1410_orders_email_idx_received_at': ordersEmailIdxReceivedAt,
  '2026_11_27_1500_decision_documents_lz4': decisionDocumentsLz4,
  '2026_11_27_1600_replay_chunk_first_emails': replayChunkFirstEmails,
  '2026_11_27_1700_compress_decision_rows': compressDecisionRows,
  '2026_11_28_0800_replay_processed_at_end': replayProcessedAtEnd,
  '2026_11_28_1700_digest_long_order_keys': digestLongOrderKeys,
}

export function createMigrator(db: Kysely<any>): Migrator {
  return new Migrator({ db, provider: { getMigrations: async () => migrations } })
}

function unwrap(set: MigrationResultSet): MigrationResultSet {
  if (set.error) throw set.error instanceof Error ? set.error : new Error(String(set.error))
  return set
}

/** Applies every pending migration; throws on the first failure. */
export async function migrateToLatest(db: Kysely<any>): Promise<MigrationResultSet> {
  return unwrap(await createMigrator(db).migrateToLatest())
}

/** Reverts every migration (tests: up → down → up). */
export async function migrateDownAll(db: Kysely<any>): Promise<MigrationResultSet> {
  return unwrap(await createMigrator(db).migrateTo(NO_MIGRATIONS))
}

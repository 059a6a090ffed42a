import { type Kysely, sql, type Transaction } from 'kysely'
import type { Database } from '../db/tables.js'

type Executor = Kysely<Database> | Transaction<Database>

export interface IdempotencyScope {
  clientId: string
  apiKeyId: string
  key: string
}

export interface IdempotencyRecord {
  request_hash: string
  status: 'in_progress' | 'done'
  response_status: number | null
  response_body: unknown
}

/**
 * Claims the key for one execution: inserts an 'in_progress' row, or takes over one left
 * 'in_progress' and not refreshed (refreshClaim) for `staleSeconds` (its process died). True when this caller owns it;
 * the primary key makes concurrent claims race on one row, so exactly one wins.
 */
export async function claimKey(
  db: Executor,
  scope: IdempotencyScope,
  requestHash: string,
  staleSeconds: number,
) {
  const row = await db
    .insertInto('idempotency_keys')
    .values({
      client_id: scope.clientId,
      api_key_id: scope.apiKeyId,
      key: scope.key,
      request_hash: requestHash,
      status: 'in_progress',
    })
    .onConflict((oc) =>
      oc
        .columns(['client_id', 'api_key_id', 'key'])
        .doUpdateSet({ request_hash: requestHash, created_at: sql`now()` } as never)
        .where('idempotency_keys.status', '=', 'in_progress')
        .where(sql<boolean>`idempotency_keys.created_at < now() - make_interval(secs => ${staleSeconds})`),
    )
    .returning('key')
    .executeTakeFirst()
  return row !== undefined
}

/** The owner's heartbeat: its claim is not stale while it runs (`created_at` is the claim's time). */
export async function refreshClaim(db: Executor, scope: IdempotencyScope): Promise<void> {
  await db
    .updateTable('idempotency_keys')
    .set({ created_at: sql`now()` } as never)
    .where('client_id', '=', scope.clientId)
    .where('api_key_id', '=', scope.apiKeyId)
    .where('key', '=', scope.key)
    .where('status', '=', 'in_progress')
    .execute()
}

export async function findKey(db: Executor, scope: IdempotencyScope): Promise<IdempotencyRecord | undefined> {
  return db
    .selectFrom('idempotency_keys')
    .select(['request_hash', 'status', 'response_status', 'response_body'])
    .where('client_id', '=', scope.clientId)
    .where('api_key_id', '=', scope.apiKeyId)
    .where('key', '=', scope.key)
    .executeTakeFirst()
}

export async function completeKey(
  db: Executor,
  scope: IdempotencyScope,
  status: number,
  body: unknown,
  requestHash: string,
): Promise<void> {
  await db
    .updateTable('idempotency_keys')
    .set({ status: 'done', request_hash: requestHash, response_status: status, response_body: body as never })
    .where('client_id', '=', scope.clientId)
    .where('api_key_id', '=', scope.apiKeyId)
    .where('key', '=', scope.key)
    .execute()
}

/** Forgets a claim whose request failed, so a retry with the same key executes again. */
export async function releaseKey(db: Executor, scope: IdempotencyScope): Promise<void> {
  await db
    .deleteFrom('idempotency_keys')
    .where('client_id', '=', scope.clientId)
    .where('api_key_id', '=', scope.apiKeyId)
    .where('key', '=', scope.key)
    .where('status', '=', 'in_progress')
    .execute()
}

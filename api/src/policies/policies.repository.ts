import { type Kysely, sql, type Transaction } from 'kysely'
import type { Database } from '../db/tables.js'

type Executor = Kysely<Database> | Transaction<Database>

/** Locks the client row: versions are numbered and published one at a time per client. */
export async function lockClient(trx: Transaction<Database>, clientId: string) {
  return trx
    .selectFrom('clients')
    .where('id', '=', clientId)
    .select(['id', 'live_version'])
    .forUpdate()
    .executeTakeFirst()
}

export async function nextVersionNumber(db: Executor, clientId: string): Promise<number> {
  const row = await db
    .selectFrom('policy_versions')
    .where('client_id', '=', clientId)
    .select((eb) => eb.fn.max('version').as('max'))
    .executeTakeFirst()
  return (row?.max ?? 0) + 1
}

export async function insertVersion(
  db: Executor,
  row: {
    clientId: string
    version: number
    document: unknown
    checksum: string
    comment: string
    createdBy: string
  },
) {
  return db
    .insertInto('policy_versions')
    .values({
      client_id: row.clientId,
      version: row.version,
      document: sql`${JSON.stringify(row.document)}::text::jsonb`,
      checksum: row.checksum,
      comment: row.comment,
      created_by: row.createdBy,
    })
    .returning(['version', 'checksum', 'comment', 'created_at', 'created_by'])
    .executeTakeFirstOrThrow()
}

/** Versions with their latest publication (who/when), newest first. */
function versionsQuery(db: Executor, clientId: string) {
  return db
    .selectFrom('policy_versions as v')
    .innerJoin('clients as c', 'c.id', 'v.client_id')
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('policy_publications as p')
          .whereRef('p.client_id', '=', 'v.client_id')
          .whereRef('p.version', '=', 'v.version')
          .select(['p.published_at', 'p.published_by'])
          .orderBy('p.id', 'desc')
          .limit(1)
          .as('p'),
      (join) => join.onTrue(),
    )
    .where('v.client_id', '=', clientId)
    .select([
      'v.version',
      'v.checksum',
      'v.comment',
      'v.created_at',
      'v.created_by',
      'c.live_version',
      'p.published_at',
      'p.published_by',
    ])
}

export async function listVersions(db: Executor, clientId: string) {
  return versionsQuery(db, clientId).orderBy('v.version', 'desc').execute()
}

export async function findVersion(db: Executor, clientId: string, version: number) {
  return versionsQuery(db, clientId).where('v.version', '=', version).select('v.document').executeTakeFirst()
}

export async function findVersionDocument(db: Executor, clientId: string, version: number) {
  return db
    .selectFrom('policy_versions')
    .where('client_id', '=', clientId)
    .where('version', '=', version)
    .select(['document', 'checksum'])
    .executeTakeFirst()
}

export async function insertPublication(
  db: Executor,
  row: {
    clientId: string
    version: number
    previousVersion: number | null
    comment: string
    publishedBy: string
  },
) {
  return db
    .insertInto('policy_publications')
    .values({
      client_id: row.clientId,
      version: row.version,
      previous_version: row.previousVersion,
      comment: row.comment,
      published_by: row.publishedBy,
      // Not the column's default now() (the transaction's start): the time it took effect, once the
      // client's row lock is held, so publications racing for it are logged in the order they won.
      published_at: sql`clock_timestamp()`,
    })
    .returning(['published_at', 'published_by'])
    .executeTakeFirstOrThrow()
}

export async function setLiveVersion(db: Executor, clientId: string, version: number): Promise<void> {
  await db.updateTable('clients').set({ live_version: version }).where('id', '=', clientId).execute()
}

export async function listPublications(db: Executor, clientId: string) {
  return db
    .selectFrom('policy_publications')
    .where('client_id', '=', clientId)
    .selectAll()
    .orderBy('id', 'desc')
    .execute()
}

import type { Kysely, Transaction } from 'kysely'
import type { Database, NewOrderRevisionRow, NewOrderRow, OrderLabelValue } from '../db/tables.js'
import { ApiError } from '../errors.js'
import { type LineIssue, validateImportLine } from './import-line.js'
import { importedOrderRows } from './import-order-row.js'
import * as repo from './imports.repository.js'
import type { ImportResponse } from './imports.schemas.js'
import { readNdjsonLines } from './ndjson.js'

const MAX_ISSUES = 100
/** Rows per multi-row INSERT: bounded memory, few round trips, well under the bind-parameter cap. */
export const IMPORT_BATCH = 1000

interface Pending {
  line: number
  order: NewOrderRow
  revision: NewOrderRevisionRow
  checksum: string
  label: OrderLabelValue | null
}

/** Thrown inside the transaction to roll it back and carry the answer out. */
class Rollback extends Error {
  constructor(readonly apiError: ApiError) {
    super(apiError.message)
  }
}

const conflictIssue = (line: number): LineIssue => ({
  line,
  path: 'order.id',
  message: 'an order with this id is already stored with different content',
})

/**
 * Streams an NDJSON import into ONE transaction in batches and commits only when every line was
 * valid: any issue rolls everything back (api.md: all or nothing). Memory stays bounded by one
 * batch plus one line whatever the body size. After the first issue lines are still validated
 * and batches still written (the transaction is doomed and will roll back) so that an id repeated
 * with different content in a later batch is still found: the answer lists every issue, up to 100.
 */
export async function importOrders(
  db: Kysely<Database>,
  clientId: string,
  body: ReadableStream<Uint8Array> | null,
  repository = repo,
): Promise<ImportResponse> {
  try {
    return await db.transaction().execute(async (trx) => {
      await repository.lockClientImports(trx, clientId)
      const counts: ImportResponse = { imported: 0, unchanged: 0, labelsUpdated: 0 }
      const issues: LineIssue[] = []
      let batch: Pending[] = []
      let pan: LineIssue | undefined
      // One batch is written while the next is validated (CPU and database overlap); batches
      // stay in order because each write waits for the previous one on the one connection.
      let inflight: Promise<void> = Promise.resolve()
      let failure: unknown

      const flush = async () => {
        const rows = batch
        batch = []
        await inflight
        if (failure) throw failure
        if (rows.length === 0) return
        inflight = storeBatch(trx, clientId, rows, issues, counts, repository).catch((error: unknown) => {
          failure = error
        })
      }

      for await (const read of readNdjsonLines(body)) {
        // Keep draining after a card number: the answer is settled, but the client is still
        // sending and we should not reset its connection mid-body. After 100 issues only card
        // numbers are still looked for (they win over every other problem).
        if (pan) continue
        const result = validateImportLine(read, issues.length >= MAX_ISSUES)
        if (result.kind === 'pan') {
          pan = result.issue
          continue
        }
        if (result.kind === 'invalid') {
          issues.push(...result.issues)
          continue
        }
        const rows = importedOrderRows(clientId, result.raw, result.order, result.label)
        batch.push({ line: read.line, ...rows, label: result.label })
        if (batch.length >= IMPORT_BATCH) await flush()
      }
      await flush()
      await inflight
      if (failure) throw failure

      if (pan)
        throw new Rollback(
          new ApiError(
            'pan_detected',
            `line ${pan.line}: ${pan.path} contains a card number; nothing was stored`,
            [pan],
          ),
        )
      if (issues.length > 0) {
        issues.sort((a, b) => a.line - b.line)
        throw new Rollback(
          new ApiError(
            'invalid_import',
            'the import has invalid lines; nothing was stored',
            issues.slice(0, MAX_ISSUES),
          ),
        )
      }
      return counts
    })
  } catch (error) {
    if (error instanceof Rollback) throw error.apiError
    throw error
  }
}

/**
 * Classifies a batch against stored orders (same checksum → unchanged, different → issue) and
 * inserts the new ones (also once an issue doomed the import). A duplicate id inside one batch
 * is compared with its first occurrence; across batches the insert has made it "stored".
 */
async function storeBatch(
  trx: Transaction<Database>,
  clientId: string,
  batch: Pending[],
  issues: LineIssue[],
  counts: ImportResponse,
  repository: typeof repo,
): Promise<void> {
  const stored = new Map(
    (
      await repository.findStoredOrders(
        trx,
        clientId,
        batch.map((p) => p.order.order_id),
      )
    ).map((r) => [r.order_id, r]),
  )
  const fresh = new Map<string, Pending>()
  const labels = new Map<string, OrderLabelValue>()
  for (const pending of batch) {
    const id = pending.order.order_id
    const known = stored.get(id) ?? fresh.get(id)
    if (!known) {
      fresh.set(id, pending)
      continue
    }
    if (known.checksum !== pending.checksum) {
      issues.push(conflictIssue(pending.line))
      continue
    }
    counts.unchanged++
    // Labels are facts learnt later (a chargeback arrives weeks after the order): a re-import of
    // the same content may set or change one; it never clears one. A later line of the same file
    // does the same, whether its first line is in this batch (still to insert) or an earlier one.
    if (!pending.label || pending.label === known.label) continue
    const first = fresh.get(id)
    if (first) {
      first.label = pending.label
      first.order.label = pending.label
      counts.labelsUpdated++
    } else labels.set(id, pending.label)
  }
  const inserted = await repository.insertOrders(
    trx,
    [...fresh.values()].map((p) => p.order),
  )
  const revisions: NewOrderRevisionRow[] = []
  const raced: Pending[] = []
  for (const pending of fresh.values()) {
    if (inserted.has(pending.order.order_id)) revisions.push(pending.revision)
    else raced.push(pending)
  }
  await repository.insertRevisions(trx, revisions)
  counts.imported += revisions.length
  if (raced.length > 0) {
    // Stored by a concurrent request between our read and our insert: classify them again.
    const now = new Map(
      (
        await repository.findStoredOrders(
          trx,
          clientId,
          raced.map((p) => p.order.order_id),
        )
      ).map((r) => [r.order_id, r]),
    )
    for (const pending of raced) {
      if (now.get(pending.order.order_id)?.checksum === pending.checksum) counts.unchanged++
      else issues.push(conflictIssue(pending.line))
    }
  }
  await repository.updateLabels(trx, clientId, [...labels])
  counts.labelsUpdated += labels.size
}

import type { Kysely } from 'kysely'
import type { Database } from '../db/tables.js'
import { findPan } from '../engine.js'
import { ApiError, notFound, panDetected } from '../errors.js'
import type { ListSummaryRow } from './lists.repository.js'
import * as repo from './lists.repository.js'
import {
  type AddListItemsBody,
  LIST_NAME_PATTERN,
  type ListDetail,
  type ListSummary,
  normaliseListValue,
  type PutListBody,
} from './lists.schemas.js'

export function listRowToSummary(row: ListSummaryRow): ListSummary {
  return {
    name: row.name,
    description: row.description,
    itemCount: row.item_count,
    revision: row.revision,
    updatedAt: row.updated_at.toISOString(),
  }
}

/** De-duplicated normalised values, in first-seen order. */
function normaliseAll(values: readonly string[]): string[] {
  return [...new Set(values.map(normaliseListValue))]
}

/**
 * Managed lists. Every change is committed before answering and evaluate reads lists per
 * evaluation (or caches them per `revision`, which item triggers bump), so the next evaluation
 * sees it without a new policy version.
 */
export function createListsService(db: Kysely<Database>, repository = repo) {
  async function summary(clientId: string, name: string): Promise<ListSummary> {
    const row = await repository.findList(db, clientId, name)
    if (!row) throw notFound('list')
    return listRowToSummary(row)
  }

  return {
    async list(clientId: string): Promise<ListSummary[]> {
      return (await repository.listLists(db, clientId)).map(listRowToSummary)
    },

    async get(clientId: string, name: string): Promise<ListDetail> {
      const head = await summary(clientId, name)
      return { ...head, items: await repository.listItems(db, clientId, name) }
    },

    /** Creates or replaces the list (description and every item). */
    async put(
      clientId: string,
      name: string,
      body: PutListBody,
    ): Promise<{ created: boolean; list: ListSummary }> {
      // The name is stored (and shown in every decision that matched the list).
      if (findPan(name) !== null) throw panDetected('name')
      if (!LIST_NAME_PATTERN.test(name)) {
        throw new ApiError('validation_failed', 'invalid list name', [
          { path: 'name', message: 'must match [a-z0-9][a-z0-9._-]{0,63}' },
        ])
      }
      const values = normaliseAll(body.items)
      const { created } = await db.transaction().execute(async (trx) => {
        const result = await repository.upsertList(trx, clientId, name, body.description)
        await repository.lockList(trx, clientId, name)
        await repository.deleteAllItems(trx, clientId, name)
        await repository.insertItems(trx, clientId, name, values)
        return result
      })
      return { created, list: await summary(clientId, name) }
    },

    async addItems(
      clientId: string,
      name: string,
      body: AddListItemsBody,
    ): Promise<ListSummary & { added: number }> {
      const added = await db.transaction().execute(async (trx) => {
        if (!(await repository.lockList(trx, clientId, name))) throw notFound('list')
        return repository.insertItems(trx, clientId, name, normaliseAll(body.items))
      })
      return { ...(await summary(clientId, name)), added }
    },

    async removeItem(clientId: string, name: string, value: string): Promise<void> {
      await db.transaction().execute(async (trx) => {
        if (!(await repository.lockList(trx, clientId, name))) throw notFound('list')
        const removed = await repository.deleteItem(trx, clientId, name, normaliseListValue(value))
        if (!removed) throw notFound('list item')
      })
    },
  }
}

import type { Kysely } from 'kysely'
import type { CatalogItemRow, Database } from '../db/tables.js'
import { ApiError, notFound, panDetected } from '../errors.js'
import * as repo from './catalog.repository.js'
import type { CatalogItemResponse, CatalogUpsertResponse } from './catalog.schemas.js'
import { parseCatalogBody } from './catalog-body.js'

export function catalogRowToItem(row: CatalogItemRow): CatalogItemResponse {
  return {
    sku: row.sku,
    name: row.name,
    price: row.price,
    currency: row.currency,
    stock: row.stock,
    category: row.category,
    updatedAt: row.updated_at.toISOString(),
  }
}

export function createCatalogService(db: Kysely<Database>, repository = repo) {
  return {
    /** All or nothing: every row is validated before anything is written, in one transaction. */
    async upsert(clientId: string, text: string, ndjson: boolean): Promise<CatalogUpsertResponse> {
      const parsed = parseCatalogBody(text, ndjson)
      if (!parsed.ok) {
        if (parsed.kind === 'pan') throw panDetected(parsed.path, parsed.line)
        if (parsed.kind === 'malformed')
          throw new ApiError('malformed_json', 'request body is not valid JSON', parsed.issues)
        if (parsed.kind === 'too_large')
          throw new ApiError(
            'payload_too_large',
            'a catalog upload has at most 10,000 rows; send the rest in another PUT (it is an upsert)',
            parsed.issues,
          )
        throw new ApiError(
          'validation_failed',
          'catalog rows are not valid; nothing was stored',
          parsed.issues,
        )
      }
      const rows = parsed.rows.map((r) => ({
        sku: r.sku,
        name: r.name ?? null,
        price: r.price,
        currency: r.currency,
        stock: r.stock,
        category: r.category ?? null,
      }))
      return db.transaction().execute((trx) => repository.upsertCatalogItems(trx, clientId, rows))
    },

    async get(clientId: string, sku: string): Promise<CatalogItemResponse> {
      const row = await repository.findCatalogItem(db, clientId, sku)
      if (!row) throw notFound('catalog item')
      return catalogRowToItem(row)
    },
  }
}

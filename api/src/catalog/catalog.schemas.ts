import { fitsCurrency, isCurrencyCode } from '@verdict/engine'
import { z } from 'zod'
import { storableText } from '../lib/storable-text.js'

/** Path parameters. A SKU that could never be stored answers 404 (api.md), hence the same bounds. */
export const CatalogParams = z.object({ clientId: z.string() })
export const CatalogItemParams = z.object({ clientId: z.string(), sku: storableText() })

/** `.` and `..` could be stored but never read back: a URL path segment of its own resolves them. */
export const SkuSchema = z
  .string()
  .min(1)
  .max(128)
  .refine(
    (sku) => sku !== '.' && sku !== '..',
    'cannot be "." or "..": GET …/catalog/{sku} could not name it',
  )
  .meta({ not: { enum: ['.', '..'] } })

/**
 * One catalog row. The price is a decimal in the row's currency and may not carry more decimals
 * than the currency has (USD 2, JPY 0), the same rule orders follow, so catalog/order price
 * comparisons in facts are exact.
 */
export const CatalogItemInput = z
  .strictObject({
    sku: SkuSchema,
    name: z.string().max(512).nullish(),
    price: z
      .number()
      .nonnegative()
      .meta({ description: "at most the currency's decimals (2 for USD, 0 for JPY)" }),
    currency: z
      .string()
      .refine(isCurrencyCode, 'must be an upper-case ISO 4217 currency code')
      .meta({ pattern: '^[A-Z]{3}$', description: 'an ISO 4217 currency code, e.g. USD' }),
    stock: z.number().int().min(0).max(2_147_483_647),
    category: z.string().max(256).nullish(),
    // What GET …/catalog/{sku} answers besides the row, so that an item read can be sent back.
    updatedAt: z.string().optional().meta({ description: 'ignored: the server sets it' }),
  })
  .superRefine((row, ctx) => {
    if (isCurrencyCode(row.currency) && !fitsCurrency(row.price, row.currency)) {
      // As orders word it (order.schema.ts moneyIssues): 1e15 USD has no decimals, it is too large.
      const tooLarge = !fitsCurrency(Math.round(row.price), row.currency)
      ctx.addIssue({
        code: 'custom',
        path: ['price'],
        message: tooLarge
          ? 'is too large to be computed exactly'
          : `has more decimal places than ${row.currency} allows`,
      })
    }
  })
/** A row as stored: what the upload says, less the `updatedAt` the server sets. */
export type CatalogItemInput = Omit<z.infer<typeof CatalogItemInput>, 'updatedAt'>

/** The JSON form of the bulk body (NDJSON sends the same rows one per line). */
export const CatalogUpsertBody = z.array(CatalogItemInput).max(10_000)

export const CatalogItemResponse = z.object({
  sku: z.string(),
  name: z.string().nullable(),
  price: z.number(),
  currency: z.string(),
  stock: z.number().int(),
  category: z.string().nullable(),
  updatedAt: z.string(),
})
export type CatalogItemResponse = z.infer<typeof CatalogItemResponse>

export const CatalogUpsertResponse = z.object({
  inserted: z.number().int(),
  updated: z.number().int(),
})
export type CatalogUpsertResponse = z.infer<typeof CatalogUpsertResponse>

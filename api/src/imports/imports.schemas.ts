import { z } from 'zod'

export const ImportParams = z.object({ clientId: z.string() })

export const OrderLabelSchema = z.enum(['fraud', 'chargeback', 'legit'])

/**
 * One NDJSON line of an import. `order` is validated by the engine's parseOrder (the same rules as
 * evaluate), so here it is only "an object"; strict so a misspelt `lable` is reported, not dropped.
 */
export const ImportLineSchema = z
  .object({
    order: z.record(z.string(), z.unknown()).describe('An order as in orders.md'),
    label: OrderLabelSchema.nullable().optional(),
  })
  .strict()
export type ImportLine = z.infer<typeof ImportLineSchema>

export const ImportResponse = z.object({
  imported: z.number().int().describe('Orders stored by this import'),
  unchanged: z.number().int().describe('Orders already stored with the same content'),
  labelsUpdated: z.number().int().describe('Unchanged orders whose label this import set or changed'),
})
export type ImportResponse = z.infer<typeof ImportResponse>

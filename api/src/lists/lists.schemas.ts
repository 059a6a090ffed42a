import { z } from 'zod'
import { storableText } from '../lib/storable-text.js'

export const LIST_NAME_PATTERN = /^[a-z0-9][a-z0-9._-]{0,63}$/

/**
 * The same normalisation the engine's inList/notInList apply to the compared value (trimmed,
 * lower-cased), so a stored entry matches however the order spells it.
 */
export function normaliseListValue(value: string): string {
  return value.trim().toLowerCase()
}

export const ListsParams = z.object({ clientId: z.string() })
/**
 * The name pattern is not enforced on the path (a name that cannot exist simply answers 404, and a
 * PUT of one 422 naming it), but the document states it.
 */
const ListName = storableText().meta({
  pattern: LIST_NAME_PATTERN.source,
  description: 'a list name: 1–64 of a–z, 0–9, `.`, `_`, `-`, starting with a letter or digit',
})
export const ListParams = z.object({ clientId: z.string(), name: ListName })
export const ListItemParams = z.object({ clientId: z.string(), name: ListName, value: storableText() })

const ListValue = z
  .string()
  .max(512)
  .refine((v) => v.trim().length > 0, 'must not be blank')
  .describe('Stored trimmed and lower-cased')

export const PutListBody = z.strictObject({
  description: z.string().max(1000).optional().default(''),
  items: z.array(ListValue).max(100_000),
})
export type PutListBody = z.infer<typeof PutListBody>

export const AddListItemsBody = z.strictObject({
  items: z.array(ListValue).min(1).max(100_000),
})
export type AddListItemsBody = z.infer<typeof AddListItemsBody>

export const ListSummary = z.object({
  name: z.string(),
  description: z.string(),
  itemCount: z.number().int(),
  revision: z.number().int().describe('Changes whenever the list or its items change'),
  updatedAt: z.string(),
})
export type ListSummary = z.infer<typeof ListSummary>

export const ListsResponse = z.object({ data: z.array(ListSummary) })

export const ListDetail = ListSummary.extend({ items: z.array(z.string()) })
export type ListDetail = z.infer<typeof ListDetail>

export const AddListItemsResponse = ListSummary.extend({ added: z.number().int() })

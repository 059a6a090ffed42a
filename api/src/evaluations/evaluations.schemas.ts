import { z } from 'zod'
import { DecisionSchema, JsonObject } from '../decisions/decisions.schemas.js'
import { storableText } from '../lib/storable-text.js'

export const OrderParams = z.object({ orderId: storableText().min(1).max(128) })

export const CancelBody = z.strictObject({ reason: z.string().max(2000).optional() })

export const SimulateBody = z
  .strictObject({
    /** Validated by the engine's parseOrder (every field issue), not by this schema. */
    order: z.unknown().refine((value) => value !== undefined, 'Required'),
    version: z.number().int().min(1).max(2_147_483_647).optional(),
    document: z.unknown().optional(),
  })
  .refine((body) => body.version === undefined || body.document === undefined, {
    message: 'give either version or document, not both',
    path: ['document'],
  })

export const CancelResponse = z.object({
  orderId: z.string(),
  status: z.literal('cancelled'),
  cancelledAt: z.string(),
  reason: z.string().nullable(),
})

/** The decision as evaluate answers it, unsaved: no id, and no version for an unsaved document. */
export const SimulateResponse = DecisionSchema.extend({
  decisionId: z.null(),
  policyVersion: z.number().int().nullable(),
  listMatches: z.array(JsonObject),
  trace: z.array(JsonObject),
  facts: JsonObject,
  warnings: z.array(JsonObject),
})

export type SimulateBody = z.infer<typeof SimulateBody>

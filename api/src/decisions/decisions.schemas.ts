import { z } from 'zod'
import { parseInstant } from '../engine.js'
import { pageLimit } from '../lib/page-limit.js'
import { storableText } from '../lib/storable-text.js'

export const DECISION_ID = /^dec_[0-9A-HJKMNP-TV-Z]{26}$/

export const DecisionParams = z.object({ decisionId: z.string().regex(DECISION_ID) })

/**
 * A window bound, read by the engine's RFC 3339 parser like an order's createdAt: `Z` or an
 * offset, lower-case `t`/`z` allowed (RFC 3339 §5.6), seconds required, any fraction.
 */
const Instant = z
  .string()
  .meta({ format: 'date-time' })
  // An offset's `+` written unencoded in a query string arrives as a space (form decoding):
  // `…T00:00:00 02:00` can only mean +02:00.
  .transform((text) => text.replace(/(\d) (\d{2}:\d{2})$/, '$1+$2'))
  .refine((text) => parseInstant(text) !== null, 'an RFC 3339 timestamp with Z or a UTC offset')

const Outcome = z.enum(['approve', 'review', 'hold', 'decline'])

export const ListDecisionsQuery = z.strictObject({
  from: Instant.optional(),
  to: Instant.optional(),
  outcome: Outcome.optional(),
  ruleId: storableText().min(1).max(200).optional(),
  orderId: storableText().min(1).max(128).optional(),
  limit: pageLimit(500, 50),
  cursor: z.string().max(500).optional(),
})

export const DecisionSchema = z.object({
  decisionId: z.string(),
  clientId: z.string(),
  orderId: z.string(),
  outcome: Outcome,
  score: z.number(),
  policyVersion: z.number().int(),
  reasons: z.array(z.record(z.string(), z.unknown())),
  tags: z.array(z.string()),
  errors: z.array(z.object({ ruleId: z.string(), message: z.string() })),
  shipping: z
    .object({
      method: z.string(),
      carrier: z.string().nullable(),
      estimatedDelivery: z.object({ earliest: z.string(), latest: z.string() }).nullable(),
    })
    .nullable(),
  evaluatedAt: z.string(),
})

/** Any JSON object (facts, trace entries, stored data: their shapes are policies.md's). */
export const JsonObject = z.record(z.string(), z.unknown())

/** GET …/decisions/{decisionId}: the decision with what an audit needs. */
export const DecisionDetailSchema = DecisionSchema.extend({
  revision: z.number().int(),
  version: z.object({ version: z.number().int(), checksum: z.string() }),
  engineVersion: z.string(),
  listMatches: z.array(JsonObject),
  data: JsonObject.nullable(),
  facts: JsonObject,
  trace: z.array(JsonObject).nullable(),
  traceRecomputed: z.boolean().optional(),
  traceVerified: z.boolean().optional(),
  timings: JsonObject.nullable(),
})

export const DecisionPage = z.object({ data: z.array(DecisionSchema), nextCursor: z.string().nullable() })

export const ReproduceResponse = z.object({
  identical: z.boolean(),
  decisionId: z.string(),
  policyVersion: z.number().int(),
  engineVersion: z.object({ stored: z.string(), current: z.string() }),
  differences: z
    .array(z.object({ field: z.string(), stored: z.unknown(), reproduced: z.unknown() }))
    .optional()
    .describe('present when identical is false'),
})

export type ListDecisionsQuery = z.infer<typeof ListDecisionsQuery>
export type Decision = z.infer<typeof DecisionSchema>

import { z } from 'zod'
import { parseInstant } from '../engine.js'
import {
  ceilToMillisecond,
  compareInstants,
  isStorableInstant,
  STORABLE_RANGE,
} from '../lib/instant-range.js'
import { pageLimit } from '../lib/page-limit.js'
import { storableText } from '../lib/storable-text.js'

export const REPLAY_ID = /^rpl_[0-9A-HJKMNP-TV-Z]{26}$/

export const ReplayParams = z.object({ replayId: z.string().regex(REPLAY_ID) })

/**
 * A window bound, read by the engine's RFC 3339 parser like an order's createdAt (lower-case `t`/`z`
 * allowed, RFC 3339 §5.6), and an instant PostgreSQL can store (outside it the query would fail).
 */
const Instant = z
  .string()
  // `abort`: a text that is no timestamp gets this one issue, not the range's as well.
  .refine((text) => parseInstant(text) !== null, {
    message: 'an RFC 3339 timestamp with Z or a UTC offset',
    abort: true,
  })
  .refine((text) => isStorableInstant(parseInstant(text) ?? Number.NaN), {
    message: `must be ${STORABLE_RANGE}`,
  })
  .meta({ format: 'date-time' })

/**
 * The bound a query applies for a bound the schema accepted: stored instants are whole
 * milliseconds, so a bound's digits beyond the third round it up (see ceilToMillisecond).
 */
export const instantOf = (text: string) => ceilToMillisecond(text)

// int4 like the versions column: a larger number names no version (and would fail the query).
const VersionRef = z.object({ version: z.number().int().min(1).max(2_147_483_647) }).strict()

export const CreateReplayBody = z
  .object({
    // A value of neither shape (missing, `{}`, a string) is told what the two shapes are.
    candidate: z.union([VersionRef, z.object({ document: z.record(z.string(), z.unknown()) }).strict()], {
      error: 'expected {"version": n} (a saved version) or {"document": {…}} (an unsaved policy)',
    }),
    baseline: VersionRef.optional(),
    /** Inclusive lower bound on the order's createdAt. */
    from: Instant.optional(),
    /** Exclusive upper bound on the order's createdAt. */
    to: Instant.optional(),
    /** Replay only the most recent N orders (of the window, if one is given). */
    limit: z.number().int().min(1).max(100_000_000).optional(),
  })
  .strict()
  .refine((b) => !b.from || !b.to || compareInstants(b.from, b.to) < 0, {
    message: 'from must be before to',
    path: ['to'],
  })

export const ReplayOrderParams = z.object({
  replayId: z.string().regex(REPLAY_ID),
  orderId: storableText().min(1).max(128),
})

export const ReplaySampleQuery = z.strictObject({
  limit: pageLimit(10_000, 2_000),
})

export const ReplayOrdersQuery = z.strictObject({
  changed: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  cursor: z.string().max(500).optional(),
  limit: pageLimit(500, 50),
})

const Outcome = z.enum(['approve', 'review', 'hold', 'decline'])
const Outcomes = z.object({ approve: z.number(), review: z.number(), hold: z.number(), decline: z.number() })
const Histogram = z.array(z.object({ from: z.number(), to: z.number(), count: z.number() }))
const Metrics = z.object({
  precision: z.number().nullable(),
  recall: z.number().nullable(),
  falsePositiveRate: z.number().nullable(),
})

export const ReplaySummarySchema = z.object({
  total: z.number(),
  baseline: z.object({ version: z.number().nullable(), outcomes: Outcomes }),
  candidate: z.object({ version: z.number().nullable(), outcomes: Outcomes }),
  transitions: z.array(z.object({ from: Outcome, to: Outcome, count: z.number() })),
  changedOrders: z.number(),
  rules: z.array(z.object({ ruleId: z.string(), baselineHits: z.number(), candidateHits: z.number() })),
  scores: z.object({ baseline: Histogram, candidate: Histogram }),
  labels: z.object({ labeled: z.number(), baseline: Metrics, candidate: Metrics }),
  missingFacts: z.array(z.object({ fact: z.string(), path: z.string(), orders: z.number() })),
  sources: z.object({ storedFacts: z.number(), currentData: z.number() }),
})

export const ReplaySchema = z.object({
  replayId: z.string(),
  status: z.enum(['queued', 'running', 'done', 'failed', 'cancelled']),
  processed: z.number(),
  total: z.number(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  summary: ReplaySummarySchema.nullable(),
  baseline: z.object({ version: z.number() }),
  candidate: z.object({ version: z.number().nullable() }),
  range: z.object({ from: z.string().nullable(), to: z.string().nullable(), limit: z.number().nullable() }),
  chunks: z.number(),
  error: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.string(),
})

const SideResult = z.object({
  outcome: Outcome,
  score: z.number(),
  reasons: z.array(z.record(z.string(), z.unknown())),
  errors: z.array(z.object({ ruleId: z.string(), message: z.string() })),
})

export const ReplayOrderSchema = z.object({
  orderId: z.string(),
  createdAt: z.string(),
  label: z.enum(['fraud', 'chargeback', 'legit']).nullable(),
  changed: z.boolean(),
  source: z.enum(['storedFacts', 'currentData']),
  baseline: SideResult,
  candidate: SideResult,
})

export const ReplayOrdersResponse = z.object({
  data: z.array(ReplayOrderSchema),
  nextCursor: z.string().nullable(),
})

const VelocitySchema = z.record(z.string(), z.number())

export const ReplaySampleResponse = z.object({
  orders: z.array(
    z.object({
      order: z.record(z.string(), z.unknown()),
      label: z.string().nullable(),
      velocity: VelocitySchema,
      isFirstOrder: z.boolean(),
      catalog: z.array(z.record(z.string(), z.unknown())).nullable().optional(),
      lists: z.record(z.string(), z.array(z.string())).optional(),
      source: z.enum(['storedFacts', 'currentData']),
    }),
  ),
  catalog: z.array(z.record(z.string(), z.unknown())).nullable(),
  managedLists: z.record(z.string(), z.array(z.string())),
})

export const ReplayOrderDetailResponse = z.object({
  orderId: z.string(),
  order: z.record(z.string(), z.unknown()),
  label: z.string().nullable(),
  source: z.enum(['storedFacts', 'currentData']),
  velocity: VelocitySchema,
  isFirstOrder: z.boolean(),
  baseline: z.record(z.string(), z.unknown()),
  candidate: z.record(z.string(), z.unknown()),
})

export const CreatedReplayResponse = z.object({ replayId: z.string().regex(REPLAY_ID) })

export type CreateReplayBody = z.infer<typeof CreateReplayBody>
export type ReplayOrdersQuery = z.infer<typeof ReplayOrdersQuery>
export type ReplayResponse = z.infer<typeof ReplaySchema>
export type ReplayOrderResponse = z.infer<typeof ReplayOrderSchema>

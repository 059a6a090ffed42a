import { z } from 'zod'

/**
 * A version number in a path, written as the version list writes it: `1`, never `01`, `1.0`,
 * `1e0`, `+1` or `0x1` (which a numeric coercion reads as 1, so one version had many URLs and a
 * typo could publish another version). Anything else is 404, like an unknown version.
 */
const VersionNumber = z
  .string()
  .regex(/^[1-9][0-9]{0,9}$/, 'a version number: 1, 2, … written without sign, leading zeros or exponent')
  .refine((text) => Number(text) <= 2_147_483_647, 'at most 2147483647')
  .transform(Number)

export const VersionParams = z.object({ version: VersionNumber })
export const DiffParams = z.object({ a: VersionNumber, b: VersionNumber })

export const SaveVersionBody = z.strictObject({
  /** Validated by the engine's validatePolicy (every issue with its path), not by this schema. */
  document: z.unknown().refine((value) => value !== undefined, 'Required'),
  comment: z.string().max(2000).default(''),
})

export const PublishBody = z.strictObject({ comment: z.string().max(2000).default('') })

export const VersionStatus = z.enum(['draft', 'live', 'retired'])

const PolicyIssueSchema = z.object({ path: z.string(), code: z.string().optional(), message: z.string() })

export const SavedVersionResponse = z.object({
  version: z.number().int(),
  checksum: z.string(),
  status: z.literal('draft'),
  createdAt: z.string(),
  createdBy: z.string(),
  comment: z.string(),
  warnings: z.array(PolicyIssueSchema),
})

export const VersionSummary = z.object({
  version: z.number().int(),
  status: VersionStatus,
  checksum: z.string(),
  comment: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
  publishedAt: z.string().nullable(),
  publishedBy: z.string().nullable(),
})

export const VersionDetail = VersionSummary.extend({ document: z.unknown() })

export const PublishResponse = z.object({
  version: z.number().int(),
  status: z.literal('live'),
  previousVersion: z.number().int().nullable(),
  publishedAt: z.string(),
  publishedBy: z.string(),
})

export const Publication = z.object({
  version: z.number().int(),
  previousVersion: z.number().int().nullable(),
  comment: z.string(),
  publishedAt: z.string(),
  publishedBy: z.string(),
})

const ValueChange = z.record(z.string(), z.unknown())
const IdChanges = z.object({
  added: z.array(z.string()),
  removed: z.array(z.string()),
  changed: z.array(z.string()),
})

/** GET …/diff/{b}: the rules added, removed and changed (ids, also at the top level), and what changed. */
export const DiffResponse = IdChanges.extend({
  from: z.number().int(),
  to: z.number().int(),
  rules: IdChanges.extend({ changes: z.array(ValueChange), moved: z.array(z.string()) }),
  conditions: IdChanges,
  settings: z.array(ValueChange),
  lists: z.array(ValueChange),
  document: z.array(ValueChange),
})

export type SaveVersionBody = z.infer<typeof SaveVersionBody>
export type SavedVersionResponse = z.infer<typeof SavedVersionResponse>
export type VersionSummary = z.infer<typeof VersionSummary>
export type VersionDetail = z.infer<typeof VersionDetail>
export type PublishResponse = z.infer<typeof PublishResponse>

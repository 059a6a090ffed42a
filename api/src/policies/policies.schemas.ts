import { z } from 'zod'

export const VersionParams = z.object({ version: z.coerce.number().int().min(1).max(2_147_483_647) })
export const DiffParams = z.object({
  a: z.coerce.number().int().min(1).max(2_147_483_647),
  b: z.coerce.number().int().min(1).max(2_147_483_647),
})

export const SaveVersionBody = z.object({
  /** Validated by the engine's validatePolicy (every issue with its path), not by this schema. */
  document: z.unknown().refine((value) => value !== undefined, 'Required'),
  comment: z.string().max(2000).default(''),
})

export const PublishBody = z.object({ comment: z.string().max(2000).default('') })

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

export type SaveVersionBody = z.infer<typeof SaveVersionBody>
export type SavedVersionResponse = z.infer<typeof SavedVersionResponse>
export type VersionSummary = z.infer<typeof VersionSummary>
export type VersionDetail = z.infer<typeof VersionDetail>
export type PublishResponse = z.infer<typeof PublishResponse>

import { z } from 'zod'
import { ROLES } from '../auth/permissions.js'
import { ClientIdSchema } from '../clients/clients.schemas.js'

export const MAX_KEY_CLIENTS = 100

export const CreateApiKeyBody = z.strictObject({
  name: z.string().trim().min(1).max(200),
  role: z.enum(ROLES),
  /**
   * Further clients the key is scoped to besides the path's (api.md: "a key is scoped to one or more
   * clients"): a BPO analyst working for several merchants holds one key. Each must be in the
   * caller's scope.
   */
  clientIds: z.array(ClientIdSchema).max(MAX_KEY_CLIENTS).optional(),
})

export const ApiKeyIdParams = z.object({ keyId: z.string().regex(/^key_[0-9A-Z]{26}$/) })

export const CreatedApiKeyResponse = z.object({
  id: z.string(),
  /**
   * The key itself: shown once, never stored, so null when an Idempotency-Key retry replays this
   * answer.
   */
  key: z.string().nullable(),
  name: z.string(),
  role: z.enum(ROLES),
  clientId: z.string(),
  /** Every client the key is scoped to, the path's first. */
  clientIds: z.array(z.string()),
  createdAt: z.string(),
})

export const ApiKeyResponse = z.object({
  id: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  prefix: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
  revokedAt: z.string().nullable(),
})

export type CreateApiKeyBody = z.infer<typeof CreateApiKeyBody>
/** A key as created: the key itself is there (only a replayed answer has null). */
export type CreatedApiKey = z.infer<typeof CreatedApiKeyResponse> & { key: string }
export type ApiKeyResponse = z.infer<typeof ApiKeyResponse>

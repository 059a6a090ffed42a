import { z } from 'zod'

export const ClientIdSchema = z.string().regex(/^[a-z0-9-]{2,64}$/, 'must match [a-z0-9-]{2,64}')

export const CreateClientBody = z.strictObject({
  id: ClientIdSchema,
  name: z.string().trim().min(1).max(200),
})

export const ClientParams = z.object({ clientId: ClientIdSchema })

export const ClientResponse = z.object({
  id: z.string(),
  name: z.string(),
  liveVersion: z.number().int().nullable(),
  createdAt: z.string(),
})

export type CreateClientBody = z.infer<typeof CreateClientBody>
export type ClientResponse = z.infer<typeof ClientResponse>

import { z } from 'zod'
import { ROLES } from '../auth/permissions.js'

export const MeResponse = z.object({
  id: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  /** Client ids the key is scoped to; `null` for the bootstrap admin, which sees every client. */
  clients: z.array(z.string()).nullable(),
})
export type MeResponse = z.infer<typeof MeResponse>

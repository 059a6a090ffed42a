import { z } from 'zod'
import { storableText } from '../lib/storable-text.js'

export const OrderParams = z.object({ orderId: storableText().min(1).max(128) })

export const CancelBody = z.object({ reason: z.string().max(2000).optional() })

export const SimulateBody = z
  .object({
    /** Validated by the engine's parseOrder (every field issue), not by this schema. */
    order: z.unknown().refine((value) => value !== undefined, 'Required'),
    version: z.number().int().min(1).max(2_147_483_647).optional(),
    document: z.unknown().optional(),
  })
  .refine((body) => body.version === undefined || body.document === undefined, {
    message: 'give either version or document, not both',
    path: ['document'],
  })

export type SimulateBody = z.infer<typeof SimulateBody>

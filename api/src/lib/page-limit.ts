import { z } from 'zod'

/**
 * A page size in a query string, written as a decimal integer from 1 to `max`: a numeric coercion
 * would also take `1e1`, `10.0`, `0x10`, `+5` and ` 5`, which no client means as a page size.
 */
export function pageLimit(max: number, fallback: number) {
  const message = `an integer from 1 to ${max}`
  return z
    .string()
    .regex(/^[1-9][0-9]{0,8}$/, message)
    .transform(Number)
    .refine((n) => n <= max, message)
    .default(fallback)
    .describe(`Page size: ${message}, default ${fallback}`)
}

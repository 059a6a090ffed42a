import { z } from 'zod'

/** Process environment, parsed once at start-up; a bad value stops the process with a readable message. */
export const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65_535).default(8787),
  HOST: z.string().default('0.0.0.0'),
  /** postgres://… selects a real PostgreSQL server; unset = embedded PGlite. */
  DATABASE_URL: z.string().url().optional(),
  /** Where PGlite keeps its files and where a generated admin key is kept. */
  VERDICT_DATA_DIR: z.string().default('.data'),
  /** Bootstrap admin key (accepted as a global admin); generated and kept in the data dir if unset. */
  ADMIN_API_KEY: z.string().min(16, 'ADMIN_API_KEY must be at least 16 characters').optional(),
  /** Skip the demo seed (production deployments). */
  VERDICT_SEED: z.enum(['true', 'false']).default('true'),
  /** Requests per API key per minute, per API process (0: no limit); over it: 429 rate_limited. */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(60_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ENV: z.string().default('development'),
})

export type Env = z.infer<typeof EnvSchema>

export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const result = EnvSchema.safeParse(source)
  if (result.success) return result.data
  const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`)
  throw new Error(`invalid environment:\n${lines.join('\n')}`)
}

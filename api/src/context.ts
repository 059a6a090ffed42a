import type { Kysely } from 'kysely'
import type { Role } from './auth/permissions.js'
import type { Database } from './db/tables.js'
import type { Env } from './env.js'
import type { Services } from './services.js'

/** The subset of pino the app uses; tests pass a silent one. */
export interface Logger {
  info(obj: object, msg?: string): void
  warn(obj: object, msg?: string): void
  error(obj: object, msg?: string): void
}

/** Everything createApp needs from outside; the harness passes a fresh migrated database. */
export interface AppDeps {
  db: Kysely<Database>
  /** Only ADMIN_API_KEY is read by the app itself. */
  env: Pick<Env, 'ADMIN_API_KEY'> & Partial<Env>
  logger?: Logger
  /** Injected clock for evaluatedAt etc. */
  now?: () => Date
}

/** Who is calling. `global` only for the bootstrap ADMIN_API_KEY. */
export interface Principal {
  keyId: string
  name: string
  role: Role
  global: boolean
}

/** The client named by the path (/v1/clients/:clientId/…), already checked to be in the key's scope. */
export interface ClientContext {
  id: string
  liveVersion: number | null
}

export type AppEnv = {
  Variables: {
    requestId: string
    deps: AppDeps
    services: Services
    logger: Logger
    principal: Principal
    client: ClientContext
    /**
     * Top-level fields of this response that must never be stored (a secret shown once): an
     * Idempotency-Key retry answers them as null.
     */
    unstoredFields?: readonly string[]
  }
}

/**
 * Postgres errors become domain errors here, once, so services never look at SQLSTATEs.
 * Both drivers (postgres.js PostgresError, PGlite DatabaseError) expose `code` and `constraint`.
 */
export class ConflictError extends Error {
  override readonly name = 'ConflictError'
  constructor(
    message: string,
    readonly constraint?: string,
  ) {
    super(message)
  }
}

export class InvalidReferenceError extends Error {
  override readonly name = 'InvalidReferenceError'
  constructor(
    message: string,
    readonly constraint?: string,
  ) {
    super(message)
  }
}

/** A write refused by an immutability trigger (policy versions, decisions, publications). */
export class ImmutableRowError extends Error {
  override readonly name = 'ImmutableRowError'
}

export class DatabaseUnavailableError extends Error {
  override readonly name = 'DatabaseUnavailableError'
}

/** SQLSTATE our immutability triggers raise (class 55: object not in prerequisite state). */
export const IMMUTABLE_SQLSTATE = '55VD1'

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EPIPE',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  '3D000', // invalid_catalog_name: the database is gone (dropped, or not yet restored)
  '28000', // invalid_authorization_specification: the server refuses our role (pg_hba, a revoked login)
  '28P01', // invalid_password
  '57P01', // admin_shutdown
  '57P03', // cannot_connect_now
  '53300', // too_many_connections
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
])

/**
 * 55000 (object_not_in_prerequisite_state) is also what a connection to a database closed to new
 * connections (`ALTER DATABASE … ALLOW_CONNECTIONS false`, a restore in progress) fails with; its
 * message tells it from the same code raised by a statement.
 */
function refusesConnections(code: string, error: unknown): boolean {
  return (
    code === '55000' && /not currently accepting connections/.test(String((error as PgLikeError).message))
  )
}

interface PgLikeError {
  code?: unknown
  constraint?: unknown
  message?: unknown
}

export function sqlState(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined
  const code = (error as PgLikeError).code
  return typeof code === 'string' ? code : undefined
}

/** Maps a driver error to a domain error; returns the input unchanged when it is not a known kind. */
export function mapPgError(error: unknown): unknown {
  const code = sqlState(error)
  if (!code) return error
  const constraint = (error as PgLikeError).constraint
  const name = typeof constraint === 'string' ? constraint : undefined
  if (code === '23505') return new ConflictError('unique constraint violated', name)
  if (code === '23503') return new InvalidReferenceError('referenced row does not exist', name)
  if (code === IMMUTABLE_SQLSTATE) return new ImmutableRowError(String((error as PgLikeError).message))
  if (CONNECTION_CODES.has(code) || refusesConnections(code, error))
    return new DatabaseUnavailableError('database unavailable')
  return error
}

/** Runs a repository call and rethrows mapped errors. */
export async function withPgErrors<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (error) {
    throw mapPgError(error)
  }
}

export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  if (sqlState(error) !== '23505') return false
  return constraint === undefined || (error as PgLikeError).constraint === constraint
}

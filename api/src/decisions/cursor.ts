import { ApiError } from '../errors.js'
import { isStorableInstant } from '../lib/instant-range.js'
import { DECISION_ID } from './decisions.schemas.js'

/** Opaque keyset cursor: base64url of the last row's (evaluatedAt, decisionId). */
export function encodeCursor(position: { at: Date; id: string }): string {
  return Buffer.from(JSON.stringify([position.at.toISOString(), position.id]), 'utf8').toString('base64url')
}

export function decodeCursor(cursor: string): { at: Date; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, unknown]
    const date = typeof at === 'string' ? new Date(at) : new Date(Number.NaN)
    if (!isStorableInstant(date.getTime()) || typeof id !== 'string' || !DECISION_ID.test(id))
      throw new Error('bad')
    return { at: date, id }
  } catch {
    throw new ApiError('validation_failed', 'cursor is not valid', [
      { path: 'cursor', message: 'not a cursor returned by this endpoint' },
    ])
  }
}

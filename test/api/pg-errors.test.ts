import { describe, expect, it } from 'vitest'
import { DatabaseUnavailableError, mapPgError } from '../../api/src/db/pg-errors.js'

// What a driver error means for the caller: a database that cannot be reached is 503 (retry-safe),
// whatever SQLSTATE says so.
describe('mapPgError', () => {
  it('reads a database closed to new connections (55000 at connect) as unavailable', () => {
    const refused = { code: '55000', message: 'database "shop" is not currently accepting connections' }
    expect(mapPgError(refused)).toBeInstanceOf(DatabaseUnavailableError)
  })

  it('leaves the same SQLSTATE raised by a statement alone', () => {
    const statement = { code: '55000', message: 'currval of sequence "s" is not yet defined in this session' }
    expect(mapPgError(statement)).toBe(statement)
  })

  it('reads a dropped database and a refused socket as unavailable', () => {
    for (const code of ['3D000', 'ECONNREFUSED', '57P01'])
      expect(mapPgError({ code, message: 'x' })).toBeInstanceOf(DatabaseUnavailableError)
  })
})

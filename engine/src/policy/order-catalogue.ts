import type { FieldSpec } from './fact-catalogue.types.js'

const str = (description: string): FieldSpec => ({ type: 'string', description })
const num = (description: string): FieldSpec => ({ type: 'number', description })

function address(which: string): FieldSpec {
  return {
    type: 'object',
    description: `${which} address`,
    fields: {
      name: str(`${which} name`),
      line1: str(`${which} address line 1`),
      line2: str(`${which} address line 2`),
      city: str(`${which} city`),
      region: str(`${which} region / state`),
      postalCode: str(`${which} postal code`),
      country: str(`${which} country, ISO 3166-1 alpha-2`),
    },
  }
}

/** The fields orders.md names; orders may carry extra fields too, so this list is not exhaustive. */
export const ORDER_FIELDS: Record<string, FieldSpec> = {
  id: str("the client's order id"),
  createdAt: str('when the customer placed the order (RFC 3339)'),
  channel: str('sales channel: web, app, phone, marketplace, …'),
  currency: str('ISO 4217 currency code of the order'),
  customer: {
    type: 'object',
    description: 'the customer',
    fields: {
      id: str("the client's customer id"),
      name: str('customer name'),
      email: str('customer e-mail address'),
      phone: str('customer phone number, any common format'),
      ip: str('IP address the order was placed from'),
      accountCreatedAt: str('when the customer account was created (RFC 3339)'),
    },
  },
  billingAddress: address('billing'),
  shippingAddress: address('shipping'),
  items: {
    type: 'object[]',
    description: 'order lines (at least one)',
    items: {
      type: 'object',
      description: 'one order line',
      fields: {
        sku: str('stock keeping unit'),
        name: str('product name'),
        quantity: num('quantity (integer ≥ 1)'),
        unitPrice: num('unit price in currency units'),
        category: str('product category'),
        attributes: { type: 'object', description: 'free-form product attributes (size, colour, …)' },
      },
    },
  },
  shipping: {
    type: 'object',
    description: 'requested shipping',
    fields: {
      method: str('shipping method code (see settings.shippingMethods)'),
      price: num('shipping price in currency units (default 0)'),
    },
  },
  discount: num('discount in currency units (default 0)'),
  tax: num('tax in currency units (default 0)'),
  total: num('declared order total in currency units'),
  payment: {
    type: 'object',
    description: 'payment details',
    fields: {
      method: str('card, paypal, wallet, bank_transfer, cod or other'),
      status: str('authorized, captured, pending, failed or none'),
      authorizedAmount: num('amount authorized by the gateway'),
      currency: str('currency of the payment'),
      card: {
        type: 'object',
        description: 'card summary (never a full card number)',
        fields: {
          bin: str('first 6–8 digits of the card'),
          last4: str('last 4 digits of the card'),
          brand: str('card brand'),
          country: str('issuing country, ISO 3166-1 alpha-2'),
        },
      },
      avsResult: str('gateway AVS code (one letter)'),
      cvvResult: str('gateway CVV code (one letter)'),
      threeDSecure: str('authenticated, attempted, failed, not_enrolled or none'),
    },
  },
}

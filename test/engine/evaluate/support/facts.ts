import type { Facts } from '../../../../engine/src/facts/facts.types.js'

/**
 * Hand-built Facts for evaluator tests: `order` and `lists` as given, every other fact an empty-ish
 * object (the evaluator only reads what rules ask for).
 */
export function factsOf(
  order: unknown,
  lists: unknown = {},
  extra: Partial<Record<keyof Facts, unknown>> = {},
): Facts {
  return {
    order,
    lists,
    totals: {},
    items: {},
    payment: {},
    customer: {},
    address: {},
    shipping: {},
    velocity: {},
    ...extra,
  } as unknown as Facts
}

export const NO_LISTS: ReadonlyMap<string, ReadonlySet<string>> = new Map()

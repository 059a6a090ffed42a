import type { ClientData } from '../facts/client-data.js'
import { deriveFacts } from '../facts/derive-facts.js'
import type { Facts } from '../facts/facts.types.js'
import type { Order } from '../order/order.types.js'
import type { CompiledPolicy } from './compile-policy.js'
import type { EvaluationResult } from './result.types.js'

/**
 * Version of the evaluation semantics, stored with every decision so replays can tell them apart.
 * 0.2.0: postal-code formats from Google's address metadata, weekends by the holiday country (CLDR).
 * 0.2.1: a `matches` test too costly for its text (pattern size × length > 10⁷) errs instead of running.
 */
export const ENGINE_VERSION = '0.2.1'

export interface EvaluateOrderOptions {
  trace?: boolean
  /** Passed to deriveFacts (the clock for anything not taken from the order itself). */
  now?: Date
}

/**
 * Derives the facts of an order and evaluates the compiled policy on them.
 *
 * @example
 * const { result } = evaluateOrder(compilePolicy(doc), order, data, { trace: true })
 */
export function evaluateOrder(
  compiled: CompiledPolicy,
  order: Order,
  data: ClientData,
  options: EvaluateOrderOptions = {},
): { result: EvaluationResult; facts: Facts } {
  const facts = deriveFacts(order, compiled.document, data, options.now ? { now: options.now } : undefined)
  const result = compiled.evaluate(facts, { managedLists: data.managedLists, trace: options.trace === true })
  return { result, facts }
}

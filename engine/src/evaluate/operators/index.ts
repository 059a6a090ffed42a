import type { OperatorFn } from '../run-state.js'
import { contains } from './contains.js'
import { DECORATORS } from './decorators.js'
import { doesNotContain } from './does-not-contain.js'
import { doesNotMatch } from './does-not-match.js'
import { endsWith } from './ends-with.js'
import { equal } from './equal.js'
import { greaterThan } from './greater-than.js'
import { greaterThanInclusive } from './greater-than-inclusive.js'
import { inOperator } from './in.js'
import { inList } from './in-list.js'
import { lessThan } from './less-than.js'
import { lessThanInclusive } from './less-than-inclusive.js'
import { matches } from './matches.js'
import { notEqual } from './not-equal.js'
import { notIn } from './not-in.js'
import { notInList } from './not-in-list.js'
import type { DecoratorDefinition, OperatorDefinition } from './operator.types.js'
import { startsWith } from './starts-with.js'

/** json-rules-engine's default operators. */
export const JRE_OPERATORS: readonly OperatorDefinition[] = [
  equal,
  notEqual,
  inOperator,
  notIn,
  contains,
  doesNotContain,
  lessThan,
  lessThanInclusive,
  greaterThan,
  greaterThanInclusive,
]

/** Verdict's own operators (policies.md "Operators"). */
export const CUSTOM_OPERATORS: readonly OperatorDefinition[] = [
  inList,
  notInList,
  matches,
  doesNotMatch,
  startsWith,
  endsWith,
]

const operators = new Map<string, OperatorDefinition>(
  [...JRE_OPERATORS, ...CUSTOM_OPERATORS].map((op) => [op.name, op]),
)
const decorators = new Map<string, DecoratorDefinition>(DECORATORS.map((d) => [d.name, d]))

export interface ResolvedOperator {
  /** The undecorated operator, e.g. `in` for `not:someFact:in`. */
  base: string
  /** Outermost first, e.g. ['not', 'someFact']. */
  decorators: string[]
  fn: OperatorFn
}

function operatorFn(def: OperatorDefinition): OperatorFn {
  const validate = def.validateFact
  const cb = def.cb
  return validate ? (f, v, st) => validate(f) && cb(f, v, st) : cb
}

function decorate(def: DecoratorDefinition, next: OperatorFn): OperatorFn {
  const validate = def.validateFact
  const cb = def.cb
  return validate ? (f, v, st) => validate(f) && cb(f, v, next, st) : (f, v, st) => cb(f, v, next, st)
}

/**
 * Resolves an operator name the way json-rules-engine's OperatorMap.get does: peel `decorator:`
 * prefixes until a known operator remains, then wrap it innermost first. Null when unknown.
 */
export function resolveOperator(name: string): ResolvedOperator | null {
  const applied: DecoratorDefinition[] = []
  let opName = name
  while (!operators.has(opName)) {
    const colon = opName.indexOf(':')
    if (colon <= 0) return null
    const decorator = decorators.get(opName.slice(0, colon))
    if (decorator === undefined) return null
    applied.push(decorator)
    opName = opName.slice(colon + 1)
  }
  let fn = operatorFn(operators.get(opName)!)
  for (let i = applied.length - 1; i >= 0; i--) fn = decorate(applied[i]!, fn)
  return { base: opName, decorators: applied.map((d) => d.name), fn }
}

import type { EventType, RuleCategory } from './policy.types.js'

/** One operator or decorator with the help text shown by validation messages and the editor. */
export interface OperatorInfo {
  name: string
  description: string
  /** `jre` = json-rules-engine's own; `verdict` = ours (policies.md, "Operators"). */
  origin: 'jre' | 'verdict'
}

export const OPERATORS: readonly OperatorInfo[] = [
  { name: 'equal', origin: 'jre', description: 'fact === value (objects compare by reference)' },
  { name: 'notEqual', origin: 'jre', description: 'fact !== value' },
  { name: 'lessThan', origin: 'jre', description: 'fact < value (the fact must parse as a number)' },
  {
    name: 'lessThanInclusive',
    origin: 'jre',
    description: 'fact <= value (the fact must parse as a number)',
  },
  { name: 'greaterThan', origin: 'jre', description: 'fact > value (the fact must parse as a number)' },
  {
    name: 'greaterThanInclusive',
    origin: 'jre',
    description: 'fact >= value (the fact must parse as a number)',
  },
  { name: 'in', origin: 'jre', description: 'fact is one of the values of the array `value`' },
  { name: 'notIn', origin: 'jre', description: 'fact is none of the values of the array `value`' },
  { name: 'contains', origin: 'jre', description: 'the array fact contains `value`' },
  { name: 'doesNotContain', origin: 'jre', description: 'the array fact does not contain `value`' },
  {
    name: 'inList',
    origin: 'verdict',
    description: 'fact is in the managed list named by `value` (trimmed, case-insensitive)',
  },
  {
    name: 'notInList',
    origin: 'verdict',
    description: 'fact is not in the managed list named by `value` (trimmed, case-insensitive)',
  },
  { name: 'matches', origin: 'verdict', description: 'fact matches the regular expression `value`' },
  {
    name: 'doesNotMatch',
    origin: 'verdict',
    description: 'fact does not match the regular expression `value`',
  },
  { name: 'startsWith', origin: 'verdict', description: 'fact starts with `value` (case-insensitive)' },
  { name: 'endsWith', origin: 'verdict', description: 'fact ends with `value` (case-insensitive)' },
]

export type DecoratorName = 'someFact' | 'someValue' | 'everyFact' | 'everyValue' | 'swap' | 'not'

export const DECORATORS: readonly (OperatorInfo & { name: DecoratorName })[] = [
  { name: 'someFact', origin: 'jre', description: 'the array fact has at least one element that passes' },
  { name: 'someValue', origin: 'jre', description: 'the array `value` has at least one element that passes' },
  { name: 'everyFact', origin: 'jre', description: 'every element of the array fact passes' },
  { name: 'everyValue', origin: 'jre', description: 'every element of the array `value` passes' },
  { name: 'swap', origin: 'jre', description: 'exchanges the fact and the value' },
  { name: 'not', origin: 'jre', description: 'negates the operator' },
]

export const EVENT_TYPES = [
  'score',
  'review',
  'hold',
  'decline',
  'tag',
] as const satisfies readonly EventType[]
export const CATEGORIES = [
  'validation',
  'shipping',
  'payment',
  'fraud',
] as const satisfies readonly RuleCategory[]

const OPERATOR_NAMES = new Set(OPERATORS.map((o) => o.name))
const DECORATOR_NAMES = new Set<string>(DECORATORS.map((d) => d.name))

export type ParsedOperator =
  | { ok: true; decorators: DecoratorName[]; base: string }
  | { ok: false; message: string }

/**
 * Splits `someFact:not:in` the way json-rules-engine's OperatorMap.get does: peel known
 * decorators off the front until the rest is a known operator.
 */
export function parseOperator(name: string): ParsedOperator {
  const decorators: DecoratorName[] = []
  let rest = name
  while (!OPERATOR_NAMES.has(rest)) {
    const colon = rest.indexOf(':')
    if (colon <= 0) {
      const what = decorators.length > 0 ? `"${rest}" after the decorators` : `"${rest}"`
      return { ok: false, message: `unknown operator ${what}` }
    }
    const decorator = rest.slice(0, colon)
    if (!DECORATOR_NAMES.has(decorator)) {
      return { ok: false, message: `unknown decorator "${decorator}"` }
    }
    decorators.push(decorator as DecoratorName)
    rest = rest.slice(colon + 1)
  }
  return { ok: true, decorators, base: rest }
}

/** Regular expression (source) that matches every operator parseOperator accepts. */
export function operatorPattern(): string {
  const decorators = DECORATORS.map((d) => d.name).join('|')
  const bases = OPERATORS.map((o) => o.name).join('|')
  return `^((${decorators}):)*(${bases})$`
}

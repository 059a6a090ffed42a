import { checkOperands } from './check-operands.js'
import { FACT_NAMES, isFactName } from './fact-catalogue.js'
import { checkFactPath, splitPath } from './fact-paths.js'
import { parseOperator } from './operators.js'
import { type IssueSink, isObject, type Json, own } from './policy-issue.js'

export interface DocContext {
  sink: IssueSink
  lists: Json | undefined
  sharedNames: ReadonlySet<string>
  shippingCodes: ReadonlySet<string>
}

type Path = (string | number)[]
const BOOLEAN_KEYS = ['any', 'all', 'not', 'condition'] as const
const NESTED_KEYS = ['condition', 'any', 'all', 'not'] as const

/**
 * Where a condition node sits decides which of its keys json-rules-engine evaluates: a rule's root
 * (Rule.evaluate) takes the first of any > all > not > condition; every other node, a shared
 * condition's root included (it is realized onto the reference and evaluated as one), takes a
 * `condition` reference first, then any > all > not (Rule.evaluate's evaluateCondition).
 */
export type NodePlace = 'root' | 'nested'

/** json-rules-engine's choice for a node at `place`; undefined for a fact condition. */
export function booleanKey(node: Json, place: NodePlace = 'root'): (typeof BOOLEAN_KEYS)[number] | undefined {
  return (place === 'root' ? BOOLEAN_KEYS : NESTED_KEYS).find((k) => Object.hasOwn(node, k))
}

export function isFactReference(value: unknown): value is Json {
  return isObject(value) && Object.hasOwn(value, 'fact')
}

/** Semantic checks of one condition tree (the shape itself is zod's job: malformed parts are skipped). */
export function checkConditionTree(
  node: unknown,
  path: Path,
  ctx: DocContext,
  place: NodePlace = 'nested',
): void {
  if (!isObject(node)) return
  const key = booleanKey(node, place)
  if (key === undefined) {
    checkFactCondition(node, path, ctx)
    return
  }
  warnUnknownKeys(node, path, BOOLEAN_NODE_KEYS, ctx)
  const ignored = [...BOOLEAN_KEYS, 'fact'].filter((k) => k !== key && Object.hasOwn(node, k))
  if (ignored.length > 0) {
    ctx.sink.warn(
      path,
      'CONDITION_KEYS_IGNORED',
      `json-rules-engine evaluates "${key}" here and ignores ${ignored.map((k) => `"${k}"`).join(', ')}`,
    )
  }
  const child = node[key]
  if (key === 'any' || key === 'all') {
    if (!Array.isArray(child)) return
    for (const [i, c] of child.entries()) checkConditionTree(c, [...path, key, i], ctx)
  } else if (key === 'not') {
    checkConditionTree(child, [...path, 'not'], ctx)
  } else if (typeof child === 'string' && !ctx.sharedNames.has(child)) {
    ctx.sink.issue(
      [...path, 'condition'],
      'UNDEFINED_CONDITION',
      `shared condition "${child}" is not defined`,
    )
  }
}

// The keys json-rules-engine reads on a condition. It keeps any other (custom properties), so they
// are allowed, but warned about: `"pth"` for `"path"` silently compares the whole fact.
const FACT_CONDITION_KEYS = new Set(['fact', 'operator', 'value', 'path', 'params', 'priority', 'name'])
// `fact` beside a boolean key is CONDITION_KEYS_IGNORED's to name.
const BOOLEAN_NODE_KEYS = new Set([...BOOLEAN_KEYS, 'fact', 'priority', 'name'])

// A few per node: a document of many keys must not answer with many times its size in warnings.
const UNKNOWN_KEYS_NAMED = 3

function warnUnknownKeys(node: Json, path: Path, known: ReadonlySet<string>, ctx: DocContext): void {
  const unknown = Object.keys(node).filter((k) => !known.has(k))
  const near = (k: string) => [...known].find((n) => n.toLowerCase() === k.toLowerCase())
  for (const key of unknown.slice(0, UNKNOWN_KEYS_NAMED)) {
    const hint = near(key)
    ctx.sink.warn(
      [...path, key],
      'UNKNOWN_CONDITION_KEY',
      `json-rules-engine ignores "${key}" here${hint ? ` (did you mean "${hint}"?)` : ''}`,
    )
  }
  if (unknown.length > UNKNOWN_KEYS_NAMED)
    ctx.sink.warn(
      path,
      'UNKNOWN_CONDITION_KEY',
      `and ${unknown.length - UNKNOWN_KEYS_NAMED} more keys json-rules-engine ignores here`,
    )
}

function checkFactCondition(node: Json, path: Path, ctx: DocContext): void {
  warnUnknownKeys(node, path, FACT_CONDITION_KEYS, ctx)
  checkFactAndPath(node, path, ctx)
  const operator = own(node, 'operator')
  const value = own(node, 'value')
  if (isFactReference(value)) checkFactAndPath(value, [...path, 'value'], ctx)
  if (typeof operator !== 'string' || operator === '') return
  const parsed = parseOperator(operator)
  if (!parsed.ok) {
    ctx.sink.issue([...path, 'operator'], 'UNKNOWN_OPERATOR', `${parsed.message} in "${operator}"`)
    return
  }
  if (Object.hasOwn(node, 'value')) checkOperands(parsed, node, path, ctx)
}

/** `{fact, path}` as a condition's left side or as a fact-valued `value`. */
function checkFactAndPath(node: Json, path: Path, ctx: DocContext): void {
  const fact = own(node, 'fact')
  const factPath = own(node, 'path')
  if (typeof fact !== 'string' || fact === '') {
    // the left side's shape is zod's; a fact-valued `value` is only recognisable here
    if (path.at(-1) === 'value') {
      ctx.sink.issue([...path, 'fact'], 'UNKNOWN_FACT', 'a fact-valued value needs a fact name (string)')
    }
    return
  }
  if (!isFactName(fact)) {
    ctx.sink.issue(
      [...path, 'fact'],
      'UNKNOWN_FACT',
      `unknown fact "${fact}" (facts: ${FACT_NAMES.join(', ')})`,
    )
    return
  }
  if (factPath !== undefined && typeof factPath !== 'string') {
    if (path.at(-1) === 'value') ctx.sink.issue([...path, 'path'], 'INVALID_TYPE', 'path must be a string')
    return
  }
  if (typeof factPath !== 'string' || factPath === '') return
  if (fact === 'lists') {
    const name = splitPath(factPath)?.[0]
    if (name !== undefined && name !== '*' && !(ctx.lists && Object.hasOwn(ctx.lists, name))) {
      ctx.sink.issue([...path, 'path'], 'UNDEFINED_LIST', `lists has no entry "${name}"`)
    }
    return
  }
  const check = checkFactPath(fact, factPath)
  if (!check.exists)
    ctx.sink.warn([...path, 'path'], 'UNKNOWN_FACT_PATH', `"${factPath}" cannot exist: ${check.message}`)
}

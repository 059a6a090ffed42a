import type { DocContext } from './check-conditions.js'
import { splitPath } from './fact-paths.js'
import type { ParsedOperator } from './operators.js'
import { IssueSink, isObject, type Json, own } from './policy-issue.js'
import { checkRegex, patternSizeIssue } from './regex-safety.js'

type Path = (string | number)[]
interface Literal {
  value: unknown
  at: Path
}
/** What sits on one side of the base operator: literals we can inspect, or a fact known only at run time. */
type Slot = { kind: 'literal'; items: Literal[] } | { kind: 'fact' }

const ARRAY_VALUE_OPS = new Set(['in', 'notIn'])
const REGEX_OPS = new Set(['matches', 'doesNotMatch'])
const MANAGED_LIST_OPS = new Set(['inList', 'notInList'])
// Verdict's string operators (policies.md: "case-insensitive string prefix/suffix"): a literal of
// another type never matches (`100` for "100"), so it is refused rather than saved silent.
const STRING_VALUE_OPS = new Set(['startsWith', 'endsWith'])

/**
 * Follows the decorator chain left to right, as json-rules-engine applies it, to find where the
 * literal `value` ends up; then checks what the base operator needs of it.
 */
export function checkOperands(
  op: ParsedOperator & { ok: true },
  node: Json,
  path: Path,
  ctx: DocContext,
): void {
  const raw = node.value
  const valuePath = [...path, 'value']
  let valueSlot: Slot =
    isObject(raw) && Object.hasOwn(raw, 'fact')
      ? { kind: 'fact' }
      : { kind: 'literal', items: [{ value: raw, at: valuePath }] }
  let factSlot: Slot = { kind: 'fact' }
  for (const decorator of op.decorators) {
    if (decorator === 'swap') {
      ;[factSlot, valueSlot] = [valueSlot, factSlot]
    } else if (decorator === 'someValue' || decorator === 'everyValue') {
      if (valueSlot.kind === 'fact') continue
      const bad = valueSlot.items.find((l) => !Array.isArray(l.value))
      if (bad) {
        ctx.sink.issue(
          bad.at,
          'NON_ARRAY_VALUE',
          `"${decorator}:" iterates over the value, which must be an array`,
        )
        return
      }
      valueSlot = { kind: 'literal', items: elements(valueSlot.items) }
    } else if ((decorator === 'someFact' || decorator === 'everyFact') && factSlot.kind === 'literal') {
      factSlot = { kind: 'literal', items: elements(factSlot.items) }
    }
  }
  if (valueSlot.kind === 'fact') {
    if (MANAGED_LIST_OPS.has(op.base)) {
      ctx.sink.issue(
        valuePath,
        'INVALID_LIST_NAME',
        `"${op.base}" needs the managed list's name as a literal string`,
      )
    }
    if (op.decorators.length === 0 && ARRAY_VALUE_OPS.has(op.base)) checkMethodList(op.base, node, path, ctx)
    return
  }
  for (const literal of valueSlot.items) checkLiteral(op.base, literal, ctx)
  // With someValue:/everyValue: the items are already the value's elements, each compared with
  // the method (`someValue:equal ["drone"]`): each is a code too.
  if (op.decorators.every((d) => d === 'not' || d === 'someValue' || d === 'everyValue'))
    checkShippingMethods(op.base, node, valueSlot.items, ctx)
}

function elements(items: Literal[]): Literal[] {
  return items.flatMap((l) =>
    Array.isArray(l.value) ? l.value.map((value, i) => ({ value, at: [...l.at, i] })) : [],
  )
}

function checkLiteral(base: string, { value, at }: Literal, ctx: DocContext): void {
  if (ARRAY_VALUE_OPS.has(base) && !Array.isArray(value)) {
    ctx.sink.issue(
      at,
      'NON_ARRAY_VALUE',
      `"${base}" needs an array value (json-rules-engine would do a substring test or throw); use "swap:${base}" to test the fact as a collection`,
    )
  } else if (REGEX_OPS.has(base)) {
    checkPattern(value, at, ctx)
  } else if (STRING_VALUE_OPS.has(base) && typeof value !== 'string') {
    const kind = value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`
    ctx.sink.issue(
      at,
      'INVALID_TYPE',
      `"${base}" compares strings: the value must be a string (${kind} never matches)`,
    )
  } else if (MANAGED_LIST_OPS.has(base) && (typeof value !== 'string' || value.trim() === '')) {
    ctx.sink.issue(at, 'INVALID_LIST_NAME', `"${base}" needs the name of a managed list (a non-empty string)`)
  }
}

/** The evaluator compiles patterns with the same checkRegex, so what is saved always runs. */
function checkPattern(value: unknown, at: Path, ctx: DocContext): void {
  if (typeof value !== 'string') {
    ctx.sink.issue(at, 'INVALID_REGEX', 'a regular expression must be a string')
    return
  }
  const check = checkRegex(value)
  const tooLarge = check.ok ? patternSizeIssue(check.pattern) : null
  if (!check.ok) ctx.sink.issue(at, check.code, check.message)
  else if (tooLarge !== null) ctx.sink.issue(at, 'UNSAFE_REGEX', tooLarge)
}

/** A literal compared with shipping.method (or order $.shipping.method) must be a defined method. */
function checkShippingMethods(base: string, node: Json, items: Literal[], ctx: DocContext): void {
  const fact = own(node, 'fact')
  const factPath = own(node, 'path')
  if (typeof factPath !== 'string') return
  const segments = splitPath(factPath)?.join('.')
  const isMethod =
    (fact === 'shipping' && segments === 'method') || (fact === 'order' && segments === 'shipping.method')
  if (!isMethod) return
  const codes: Literal[] =
    base === 'equal' || base === 'notEqual' ? items : ARRAY_VALUE_OPS.has(base) ? elements(items) : []
  for (const { value, at } of codes) {
    if (typeof value === 'string' && !ctx.shippingCodes.has(value)) {
      ctx.sink.issue(
        at,
        'UNDEFINED_SHIPPING_METHOD',
        `shipping method "${value}" is not in settings.shippingMethods`,
      )
    }
  }
}

/**
 * `shipping.method in {fact: "lists", path: "$.x"}`: the codes come from the document's own list,
 * so they are references by this rule just as literal ones are.
 */
function checkMethodList(base: string, node: Json, path: Path, ctx: DocContext): void {
  const ref = node.value
  if (!isObject(ref) || own(ref, 'fact') !== 'lists' || typeof own(ref, 'path') !== 'string') return
  const segments = splitPath(own(ref, 'path') as string)
  const name = segments?.length === 1 ? segments[0]! : undefined
  if (name === undefined || !ctx.lists || !Object.hasOwn(ctx.lists, name)) return
  const list = ctx.lists[name]
  if (!Array.isArray(list)) return
  const issues = new IssueSink()
  checkShippingMethods(base, node, [{ value: list, at: ['lists', name] }], { ...ctx, sink: issues })
  for (const issue of issues.issues) {
    const element = issue.path.at(-1)
    ctx.sink.issue(
      [...path, 'value'],
      issue.code,
      `${issue.message} (lists.${name}[${String(element)}], compared with the shipping method here)`,
    )
  }
}

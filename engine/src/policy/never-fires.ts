import { booleanKey, isFactReference, type NodePlace } from './check-conditions.js'
import { isObject, type Json, own, pathToString } from './policy-issue.js'

/** What we can tell statically about a condition: always true, never true, or it depends on the order. */
type Verdict = { is: 'true' } | { is: 'false'; why: string } | { is: 'unknown' }
type Path = (string | number)[]
const UNKNOWN: Verdict = { is: 'unknown' }
const TRUE: Verdict = { is: 'true' }
const MAX_PAIRWISE = 200

/**
 * Decides, when it can, that a condition can never hold, with json-rules-engine's semantics:
 * empty `all` and empty `any` are both true, `equal` compares objects by reference, and
 * comparisons of the same fact/path inside one `all` may contradict each other.
 */
export function staticVerdict(
  node: unknown,
  path: Path,
  shared: Json | undefined,
  seen = new Set<string>(),
  place: NodePlace = 'nested',
): Verdict {
  if (!isObject(node)) return UNKNOWN
  const key = booleanKey(node, place)
  if (key === undefined) return factVerdict(node, path)
  const child = node[key]
  if (key === 'not') {
    const inner = staticVerdict(child, [...path, 'not'], shared, seen)
    if (inner.is === 'true')
      return { is: 'false', why: `${pathToString([...path, 'not'])} always holds, so "not" never does` }
    return inner.is === 'false' ? TRUE : UNKNOWN
  }
  if (key === 'condition') {
    if (typeof child !== 'string' || !shared || !Object.hasOwn(shared, child) || seen.has(child))
      return UNKNOWN
    const verdict = staticVerdict(shared[child], ['conditions', child], shared, new Set([...seen, child]))
    return verdict.is === 'false'
      ? { is: 'false', why: `shared condition "${child}": ${verdict.why}` }
      : verdict
  }
  if (!Array.isArray(child)) return UNKNOWN
  const verdicts = child.map((c, i) => staticVerdict(c, [...path, key, i], shared, seen))
  if (key === 'any') {
    if (verdicts.length === 0 || verdicts.some((v) => v.is === 'true')) return TRUE
    const falses = verdicts.filter((v) => v.is === 'false')
    if (falses.length === verdicts.length) {
      return {
        is: 'false',
        why: `no branch of ${pathToString([...path, 'any'])} can hold (${falses[0]?.why})`,
      }
    }
    return UNKNOWN
  }
  const failed = verdicts.find((v) => v.is === 'false')
  if (failed) return failed
  const contradiction = findContradiction(child, [...path, 'all'])
  if (contradiction) return { is: 'false', why: contradiction }
  return verdicts.every((v) => v.is === 'true') ? TRUE : UNKNOWN
}

function factVerdict(node: Json, path: Path): Verdict {
  const value = own(node, 'value')
  const operator = own(node, 'operator')
  if (isFactReference(value)) return UNKNOWN
  if (operator === 'equal' && typeof value === 'object' && value !== null) {
    return {
      is: 'false',
      why: `${pathToString(path)}: equal compares a literal object or array by reference`,
    }
  }
  if (operator === 'in' && Array.isArray(value) && value.length === 0) {
    return { is: 'false', why: `${pathToString(path)}: "in" an empty array` }
  }
  return UNKNOWN
}

type Primitive = string | number | boolean | null
const isPrimitive = (v: unknown): v is Primitive =>
  v === null || ['string', 'number', 'boolean'].includes(typeof v)

interface Bounds {
  lo?: { v: number; strict: boolean; at: string }
  hi?: { v: number; strict: boolean; at: string }
  equal?: { v: Primitive; at: string }
}

/** Two plain comparisons of the same fact/path/params in one `all` that cannot both be true. */
function findContradiction(children: unknown[], allPath: Path): string | undefined {
  const groups = new Map<string, Bounds>()
  const plain = (c: unknown): c is Json =>
    isObject(c) && booleanKey(c, 'nested') === undefined && !isFactReference(own(c, 'value'))
  const keys = children.map((c) =>
    plain(c) ? JSON.stringify([own(c, 'fact'), own(c, 'path') ?? '', own(c, 'params') ?? null]) : '',
  )
  for (const [i, c] of children.entries()) {
    if (!plain(c)) continue
    const at = pathToString([...allPath, i])
    const key = keys[i] as string
    const b = groups.get(key) ?? {}
    groups.set(key, b)
    const { operator: op, value: v } = c
    if (op === 'equal' && isPrimitive(v)) {
      if (b.equal && b.equal.v !== v) return `${b.equal.at} and ${at} require two different values`
      b.equal = { v, at }
    }
    if (typeof v === 'number' && Number.isFinite(v)) {
      if (op === 'greaterThan' || op === 'greaterThanInclusive') {
        const strict = op === 'greaterThan'
        if (!b.lo || v > b.lo.v || (v === b.lo.v && strict)) b.lo = { v, strict, at }
      }
      if (op === 'lessThan' || op === 'lessThanInclusive') {
        const strict = op === 'lessThan'
        if (!b.hi || v < b.hi.v || (v === b.hi.v && strict)) b.hi = { v, strict, at }
      }
    }
    const clash = boundsClash(b)
    if (clash) return clash
    // pairwise only for `all`s of a sane size: the quadratic scan must not hang validation
    for (let j = 0; j < i && children.length <= MAX_PAIRWISE; j++) {
      const why = keys[j] === key ? pairClash(c, children[j]) : undefined
      if (why) return `${pathToString([...allPath, j])} and ${at} ${why}`
    }
  }
  return undefined
}

function boundsClash({ lo, hi, equal }: Bounds): string | undefined {
  if (lo && hi && (lo.v > hi.v || (lo.v === hi.v && (lo.strict || hi.strict)))) {
    return `${lo.at} and ${hi.at} leave no number in between`
  }
  if (equal && typeof equal.v === 'number') {
    if (lo && (equal.v < lo.v || (equal.v === lo.v && lo.strict))) return `${equal.at} is outside ${lo.at}`
    if (hi && (equal.v > hi.v || (equal.v === hi.v && hi.strict))) return `${equal.at} is outside ${hi.at}`
  }
  return undefined
}

/** equal x vs notEqual x / in [..] without x / notIn [..] with x, in either order. */
function pairClash(a: unknown, b: unknown): string | undefined {
  if (!isObject(a) || !isObject(b)) return undefined
  const [eq, other] =
    a.operator === 'equal' ? [a, b] : b.operator === 'equal' ? [b, a] : [undefined, undefined]
  if (!eq || !other || !isPrimitive(eq.value)) return undefined
  const x = eq.value
  if (other.operator === 'notEqual' && other.value === x)
    return 'require equal and not equal to the same value'
  if (other.operator === 'in' && Array.isArray(other.value) && !other.value.includes(x)) {
    return `require ${JSON.stringify(x)} and a value from a list without it`
  }
  if (other.operator === 'notIn' && Array.isArray(other.value) && other.value.includes(x)) {
    return `require ${JSON.stringify(x)} and a value not in a list that has it`
  }
  return undefined
}

import type { FactReference, TopLevelCondition } from '../policy/policy.types.js'
import { compileAllAny, compileNot } from './boolean-node.js'
import { PolicyCompileError } from './compile-error.js'
import type { CompiledNode } from './compiled-node.js'
import { compileFactAccess, type FactRead } from './fact-access.js'
import { resolveOperator } from './operators/index.js'
import { conditionPriority } from './prioritize.js'
import type { ConditionTrace, FactConditionTrace } from './result.types.js'
import { errorMessage, type RunState } from './run-state.js'

type Path = (string | number)[]
type Json = Record<string, unknown>

/** Collected while compiling; feeds DataNeeds and the pattern cache. */
export interface CompileScope {
  sharedConditions: Record<string, TopLevelCondition>
  reads: FactRead[]
  /** Literal strings given to inList/notInList (managed list names). */
  listNames: Set<string>
  /** Literal strings given to matches/doesNotMatch, compiled once per policy. */
  patterns: Set<string>
}

const has = (o: object, key: string) => Object.hasOwn(o, key)
const BOOLEAN_KEYS = ['any', 'all', 'not'] as const

function fail(st: RunState, e: unknown): false {
  if (st.err === undefined) st.err = errorMessage(e)
  return false
}

/** A rule's root: json-rules-engine's Rule.evaluate tries any, all, not, then a condition reference. */
export function compileRuleConditions(root: unknown, path: Path, scope: CompileScope): CompiledNode {
  if (!isObject(root) || ![...BOOLEAN_KEYS, 'condition'].some((k) => has(root, k))) {
    throw new PolicyCompileError('"conditions" root must contain "all", "any", "not" or "condition"', path)
  }
  const booleanKey = BOOLEAN_KEYS.find((k) => has(root, k))
  return booleanKey ? compileBoolean(root, booleanKey, path, scope) : compileReference(root, path, scope, [])
}

function isObject(x: unknown): x is Json {
  return x !== null && typeof x === 'object' && !Array.isArray(x)
}

/** A nested condition: json-rules-engine's evaluateCondition checks a reference first, then booleans. */
function compileNested(cond: unknown, path: Path, scope: CompileScope, refStack: string[]): CompiledNode {
  if (!isObject(cond)) throw new PolicyCompileError('A condition must be an object', path)
  if (has(cond, 'condition')) return compileReference(cond, path, scope, refStack)
  const booleanKey = BOOLEAN_KEYS.find((k) => has(cond, k))
  if (booleanKey) return compileBoolean(cond, booleanKey, path, scope, refStack)
  return compileFactCondition(cond, path, scope)
}

function compileBoolean(
  cond: Json,
  key: 'all' | 'any' | 'not',
  path: Path,
  scope: CompileScope,
  refStack: string[] = [],
): CompiledNode {
  const sub = cond[key]
  const priority = conditionPriority(cond, true)
  if (key === 'not') {
    if (Array.isArray(sub)) throw new PolicyCompileError('"not" cannot be an array', [...path, key])
    return compileNot(compileNested(sub, [...path, key], scope, refStack), priority)
  }
  if (!Array.isArray(sub)) throw new PolicyCompileError(`"${key}" must be an array`, [...path, key])
  const children = sub.map((c, i) => compileNested(c, [...path, key, i], scope, refStack))
  return compileAllAny(key, children, priority)
}

/**
 * `{condition: name}`: json-rules-engine replaces the reference with a copy of the shared condition and
 * evaluates that; the reference's own (raw) priority placed it among its siblings.
 */
function compileReference(cond: Json, path: Path, scope: CompileScope, refStack: string[]): CompiledNode {
  const name = cond.condition
  if (typeof name !== 'string' || !has(scope.sharedConditions, name)) {
    throw new PolicyCompileError(`No condition ${String(name)} exists`, [...path, 'condition'])
  }
  if (refStack.includes(name)) {
    throw new PolicyCompileError(`Condition ${name} references itself`, [...path, 'condition'])
  }
  const shared = scope.sharedConditions[name] as unknown
  const sharedPath = ['conditions', name]
  if (!isObject(shared) || ![...BOOLEAN_KEYS, 'condition'].some((k) => has(shared, k))) {
    throw new PolicyCompileError(
      '"conditions" root must contain "all", "any", "not" or "condition"',
      sharedPath,
    )
  }
  const child = compileNested(shared, sharedPath, scope, [...refStack, name])
  return {
    priority: conditionPriority(cond, false),
    ev: child.ev,
    tr: (facts, st) => {
      const t = child.tr(facts, st)
      return { kind: 'condition', condition: name, result: t.result, child: t }
    },
    skip: () => ({ kind: 'condition', condition: name, result: undefined, child: child.skip() }),
  }
}

function isFactReference(value: unknown): value is FactReference {
  return value !== null && typeof value === 'object' && has(value, 'fact')
}

function access(fact: unknown, factPath: unknown, path: Path, scope: CompileScope) {
  if (typeof fact !== 'string') throw new PolicyCompileError('"fact" must be a string', [...path, 'fact'])
  if (factPath !== undefined && typeof factPath !== 'string') {
    throw new PolicyCompileError('"path" must be a string', [...path, 'path'])
  }
  const compiled = compileFactAccess(fact, factPath as string | undefined)
  if (compiled === null) throw new PolicyCompileError(`Undefined fact: ${fact}`, [...path, 'fact'])
  scope.reads.push(compiled.read)
  return compiled.get
}

function collectLiterals(base: string, value: unknown, scope: CompileScope): void {
  const strings = typeof value === 'string' ? [value] : Array.isArray(value) ? value : []
  const target =
    base === 'inList' || base === 'notInList'
      ? scope.listNames
      : base === 'matches' || base === 'doesNotMatch'
        ? scope.patterns
        : null
  if (target === null) return
  for (const s of strings) if (typeof s === 'string') target.add(s)
}

function compileFactCondition(cond: Json, path: Path, scope: CompileScope): CompiledNode {
  for (const key of ['fact', 'operator', 'value']) {
    if (!has(cond, key))
      throw new PolicyCompileError(`Condition: constructor "${key}" property required`, path)
  }
  const opName = cond.operator
  const op = typeof opName === 'string' ? resolveOperator(opName) : null
  if (op === null) throw new PolicyCompileError(`Unknown operator: ${String(opName)}`, [...path, 'operator'])
  const getFact = access(cond.fact, cond.path, path, scope)
  const fn = op.fn
  const value = cond.value
  const ref = isFactReference(value) ? value : undefined
  const getValue = ref ? access(ref.fact, ref.path, [...path, 'value'], scope) : () => value
  if (!ref) collectLiterals(op.base, value, scope)

  const ev = ref
    ? (facts: Parameters<CompiledNode['ev']>[0], st: RunState) => {
        try {
          const v = getValue(facts)
          return fn(getFact(facts), v, st)
        } catch (e) {
          return fail(st, e)
        }
      }
    : (facts: Parameters<CompiledNode['ev']>[0], st: RunState) => {
        try {
          return fn(getFact(facts), value, st)
        } catch (e) {
          return fail(st, e)
        }
      }

  const skeleton = (): FactConditionTrace => {
    const t: FactConditionTrace = {
      kind: 'fact',
      fact: cond.fact as string,
      operator: opName as string,
      factValue: undefined,
      value: ref ? undefined : value,
      result: undefined,
    }
    if (cond.path !== undefined) t.path = cond.path as string
    if (ref) t.valueRef = ref.path === undefined ? { fact: ref.fact } : { fact: ref.fact, path: ref.path }
    return t
  }
  const tr = (facts: Parameters<CompiledNode['ev']>[0], st: RunState): ConditionTrace => {
    const t = skeleton()
    try {
      t.value = getValue(facts)
      t.factValue = getFact(facts)
      t.result = fn(t.factValue, t.value, st)
    } catch (e) {
      fail(st, e)
      t.error = errorMessage(e)
    }
    return t
  }
  return { priority: conditionPriority(cond, false), ev, tr, skip: skeleton }
}

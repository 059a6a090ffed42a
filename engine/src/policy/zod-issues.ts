import type { z } from 'zod'
import { booleanKey } from './check-conditions.js'
import { TOP_LEVEL_BRANCHES } from './policy.schema.js'
import { isObject, type PolicyIssue } from './policy-issue.js'

type Path = (string | number)[]
type ZodIssue = z.core.$ZodIssue

function valueAt(doc: unknown, path: Path): { found: boolean; value?: unknown } {
  let cur: unknown = doc
  for (const seg of path) {
    if (Array.isArray(cur) && typeof seg === 'number' && seg < cur.length) cur = cur[seg]
    else if (isObject(cur) && Object.hasOwn(cur, String(seg))) cur = cur[String(seg)]
    else return { found: false }
  }
  return { found: true, value: cur }
}

const BY_LAST_SEGMENT: Record<string, Record<string, string>> = {
  invalid_value: {
    type: 'UNKNOWN_EVENT_TYPE',
    category: 'UNKNOWN_CATEGORY',
    schemaVersion: 'UNSUPPORTED_SCHEMA_VERSION',
  },
  invalid_format: {
    id: 'INVALID_RULE_ID',
    cutoff: 'INVALID_CUTOFF',
    country: 'INVALID_COUNTRY',
    countries: 'INVALID_COUNTRY',
  },
  too_small: { fact: 'UNKNOWN_FACT', operator: 'UNKNOWN_OPERATOR', condition: 'UNDEFINED_CONDITION' },
  too_big: { id: 'INVALID_RULE_ID' },
}

/**
 * Turns zod's issues into coded PolicyIssues. Condition unions are resolved the way
 * json-rules-engine reads a node (any > all > not > condition > fact), so the message is about the
 * branch the analyst meant rather than "no union member matched".
 */
export function mapZodIssues(issues: readonly ZodIssue[], doc: unknown, base: Path = []): PolicyIssue[] {
  return issues.flatMap((issue) =>
    mapOne(issue, doc, [...base, ...issue.path.map((p) => (typeof p === 'number' ? p : String(p)))]),
  )
}

function mapOne(issue: ZodIssue, doc: unknown, path: Path): PolicyIssue[] {
  const last = path.at(-1)
  const lastKey = String(last ?? '')
  const at = (code: string, message: string): PolicyIssue[] => [{ path, code, message }]
  const missing =
    (issue.code === 'invalid_type' || issue.code === 'invalid_value') && !valueAt(doc, path).found
  if (missing) return at('REQUIRED', `"${lastKey || 'document'}" is required`)
  switch (issue.code) {
    case 'invalid_union':
      return mapUnion(issue, doc, path)
    case 'invalid_type': {
      if (issue.expected === 'never') return at('INVALID_VALUE', `"${lastKey}" is not allowed here`)
      return at(
        'INVALID_TYPE',
        `"${lastKey || 'document'}" must be ${issue.expected === 'object' ? 'an object' : `a ${issue.expected}`}`,
      )
    }
    case 'unrecognized_keys':
      return issue.keys.map((key) => ({
        path: [...path, key],
        code: 'UNKNOWN_KEY',
        message: `unknown key "${key}"`,
      }))
    case 'custom': {
      const code = typeof issue.params?.code === 'string' ? issue.params.code : 'INVALID_VALUE'
      return at(code, issue.message)
    }
    case 'invalid_value':
    case 'invalid_format':
    case 'too_small':
    case 'too_big': {
      const table = BY_LAST_SEGMENT[issue.code] ?? {}
      const code = Object.hasOwn(table, lastKey)
        ? (table[lastKey] as string)
        : issue.code === 'too_small' || issue.code === 'too_big'
          ? 'OUT_OF_RANGE'
          : 'INVALID_VALUE'
      return at(code, describe(issue, lastKey))
    }
    default:
      return at('INVALID_VALUE', `"${lastKey}": ${issue.message}`)
  }
}

function describe(issue: ZodIssue, key: string): string {
  if (issue.code === 'invalid_value')
    return `"${key}" must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`
  if (issue.code === 'invalid_format' && key === 'id') return 'rule id must match [a-z0-9][a-z0-9._-]*'
  if (issue.code === 'too_big' && key === 'id') return `rule id must be at most ${issue.maximum} characters`
  if (issue.code === 'invalid_format' && key === 'cutoff') return 'cutoff must be HH:MM (00:00–23:59)'
  if (issue.code === 'too_small' && issue.origin === 'string') return `"${key}" must not be empty`
  return `"${key}": ${issue.message}`
}

function mapUnion(issue: ZodIssue & { code: 'invalid_union' }, doc: unknown, path: Path): PolicyIssue[] {
  const branches = issue.errors
  const value = valueAt(doc, path).value
  // A rule's priority (number, string, boolean or null) and a condition's (number or string); not a
  // shared condition that happens to be named "priority" (`conditions.priority`).
  const isPriority = path.at(-1) === 'priority' && !(path.length === 2 && path[0] === 'conditions')
  if (isPriority || branches.length === 2) {
    return [{ path, code: 'INVALID_PRIORITY', message: 'priority must be a number or a numeric string' }]
  }
  const topLevel = branches.length === TOP_LEVEL_BRANCHES.length
  if (!isObject(value)) {
    if (Array.isArray(value) && path.at(-1) === 'not') {
      return [{ path, code: 'INVALID_CONDITION', message: '"not" takes a single condition, not an array' }]
    }
    return [{ path, code: 'INVALID_TYPE', message: 'a condition must be an object' }]
  }
  const key = booleanKey(value)
  const index =
    key === undefined ? (topLevel ? -1 : TOP_LEVEL_BRANCHES.length) : TOP_LEVEL_BRANCHES.indexOf(key)
  const chosen = branches[index]
  if (chosen === undefined) {
    return [
      {
        path,
        code: 'INVALID_CONDITION_ROOT',
        message: 'the root must have one of "all", "any", "not" or "condition"',
      },
    ]
  }
  return mapZodIssues(chosen, doc, path)
}

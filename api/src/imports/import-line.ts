import { findPan, type Order, type OrderLabel, parseOrder } from '@verdict/engine'
import { formatPath, splitUnknownKeys } from '../errors.js'
import { asWrittenIssues, createdAtIssue } from '../evaluations/order-input.js'
import { findHiddenPan } from '../http/hidden-pan.js'
import { jsonSafetyIssue } from '../http/json-safety.js'
import { recordWrittenNumbers } from '../http/written-numbers.js'
import { ImportLineSchema } from './imports.schemas.js'
import type { NdjsonLine } from './ndjson.js'

export interface LineIssue {
  line: number
  path: string
  message: string
}

export type LineResult =
  | { kind: 'ok'; raw: Record<string, unknown>; order: Order; label: OrderLabel | null }
  | { kind: 'invalid'; issues: LineIssue[] }
  | { kind: 'pan'; issue: LineIssue }

function prefixed(prefix: string, path: string): string {
  if (path === '$' || path === '') return prefix
  return path.startsWith('[') ? `${prefix}${path}` : `${prefix}.${path}`
}

/**
 * `panOnly` stops after the card-number scan (used once enough issues are collected: a card number
 * must still win over every other problem).
 * Validates one import line: JSON, a card number anywhere (which wins over every other problem,
 * like evaluate), the `{order, label}` shape, then the order itself with the engine's parseOrder.
 */
export function validateImportLine({ line, text, problem }: NdjsonLine, panOnly = false): LineResult {
  if (text === null)
    return { kind: 'invalid', issues: [{ line, path: '$', message: problem ?? 'cannot be read' }] }
  let value: unknown
  try {
    if (problem !== undefined) throw new SyntaxError(problem)
    value = JSON.parse(text)
  } catch {
    // A line that cannot be read still must not carry a card number: it is looked for in the
    // line's text (api.md: "a card number on any line is 422 pan_detected").
    if (findPan(text) !== null)
      return { kind: 'pan', issue: { line, path: '$', message: 'contains a card number' } }
    return { kind: 'invalid', issues: [{ line, path: '$', message: problem ?? 'is not valid JSON' }] }
  }
  const panPath = findPan(value) ?? findHiddenPan(text, value)
  if (panPath !== null) {
    return { kind: 'pan', issue: { line, path: panPath, message: 'contains a card number' } }
  }
  if (panOnly) return { kind: 'invalid', issues: [] }
  const unsafe = jsonSafetyIssue(value)
  if (unsafe) return { kind: 'invalid', issues: [{ line, ...unsafe }] }
  const shape = ImportLineSchema.safeParse(value)
  if (!shape.success) {
    const issues = shape.error.issues.flatMap(splitUnknownKeys).map((i) => ({
      line,
      path: i.path.length ? formatPath(i.path) : '$',
      message: i.message,
    }))
    return { kind: 'invalid', issues }
  }
  // The order as JSON.parse made it, not zod's copy: the copy drops an own `__proto__` key, so the
  // stored document and its checksum would differ from the same order sent to evaluate. Its numbers'
  // written text is recorded against it too.
  const order = (value as { order: Record<string, unknown> }).order
  const parsed = parseOrder(order)
  recordWrittenNumbers(text, value)
  const written = asWrittenIssues(order)
  if (!parsed.ok) {
    return {
      kind: 'invalid',
      issues: [...parsed.issues, ...written].map((i) => ({
        line,
        path: prefixed('order', i.path),
        message: i.message,
      })),
    }
  }
  const createdAt = createdAtIssue(parsed.order)
  const issues = [...(createdAt ? [createdAt] : []), ...written]
  if (issues.length > 0)
    return {
      kind: 'invalid',
      issues: issues.map((i) => ({ line, path: prefixed('order', i.path), message: i.message })),
    }
  return { kind: 'ok', raw: order, order: parsed.order, label: shape.data.label ?? null }
}

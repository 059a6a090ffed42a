import type { Outcome, Reason, RuleError, RuleTrace } from '@verdict/engine'
import { isRec, num, str, unwrapList, unwrapOne } from './unwrap.js'

export interface Decision {
  decisionId: string | null
  clientId: string | null
  orderId: string | null
  outcome: Outcome
  score: number
  policyVersion: number | null
  reasons: Reason[]
  tags: string[]
  errors: RuleError[]
  shipping: unknown
  evaluatedAt: string | null
  trace: RuleTrace[]
  facts: Record<string, unknown> | null
  /** The order as evaluated, when the API sends it (or the `order` fact). */
  order: Record<string, unknown> | null
}

export interface DecisionPage {
  items: Decision[]
  nextCursor: string | null
}

const OUTCOMES: readonly Outcome[] = ['approve', 'review', 'hold', 'decline']

export function adaptDecision(body: unknown): Decision {
  const raw = unwrapOne(body)
  const d = isRec(raw.decision) ? { ...raw, ...raw.decision } : raw
  const outcome = str(d.outcome) as Outcome
  const facts = isRec(d.facts) ? d.facts : null
  const order = isRec(d.order) ? d.order : facts && isRec(facts.order) ? facts.order : null
  const version = isRec(d.version) ? num(d.version.version) : num(d.version)
  return {
    decisionId: str(d.decisionId) ?? str(d.id),
    clientId: str(d.clientId),
    orderId: str(d.orderId),
    outcome: OUTCOMES.includes(outcome) ? outcome : 'review',
    score: num(d.score) ?? 0,
    policyVersion: num(d.policyVersion) ?? version,
    reasons: Array.isArray(d.reasons) ? (d.reasons as Reason[]) : [],
    tags: Array.isArray(d.tags) ? d.tags.filter((t): t is string => typeof t === 'string') : [],
    errors: Array.isArray(d.errors) ? (d.errors as RuleError[]) : [],
    shipping: d.shipping ?? null,
    evaluatedAt: str(d.evaluatedAt),
    trace: Array.isArray(d.trace) ? (d.trace as RuleTrace[]) : [],
    facts,
    order,
  }
}

export function adaptDecisionPage(body: unknown): DecisionPage {
  const rec = isRec(body) ? body : {}
  const page = isRec(rec.page) ? rec.page : rec
  const cursor = str(rec.nextCursor) ?? str(page.nextCursor) ?? str(rec.cursor) ?? str(page.next)
  return { items: unwrapList(body, 'decisions').map(adaptDecision), nextCursor: cursor }
}

export interface Reproduction {
  identical: boolean
  differences: { path: string; stored: unknown; reproduced: unknown }[]
}

export function adaptReproduction(body: unknown): Reproduction {
  const rec = unwrapOne(body)
  const diffs = Array.isArray(rec.differences) ? rec.differences : []
  return {
    identical: rec.identical === true,
    differences: diffs.map((d) => {
      if (!isRec(d)) return { path: '', stored: d, reproduced: undefined }
      return {
        path: str(d.path) ?? str(d.field) ?? '',
        stored: d.stored ?? d.original ?? d.before ?? d.expected,
        reproduced: d.reproduced ?? d.after ?? d.actual,
      }
    }),
  }
}

import type { EvaluationResult } from '../evaluate/result.types.js'
import type { Facts } from '../facts/facts.types.js'
import type { PolicyDocument } from '../policy/policy.types.js'
import { describeEvent } from './format-trace.js'

/** The decision as an analyst reads it: outcome and score against the thresholds, then why. */
export function formatDecision(result: EvaluationResult, facts: Facts, doc: PolicyDocument): string[] {
  const { review, decline } = doc.settings.thresholds
  const rules = new Map(doc.rules.map((r) => [r.id, r]))
  const out = [
    `Outcome: ${result.outcome.toUpperCase()}   score ${result.score}   (review at ${review}, decline at ${decline})`,
  ]
  out.push(result.reasons.length === 0 ? 'Reasons: none' : `Reasons (${result.reasons.length}):`)
  const width = Math.max(0, ...result.reasons.map((r) => r.ruleId.length))
  for (const reason of result.reasons) {
    const what = describeEvent(rules.get(reason.ruleId), reason.type)
    const message = reason.message ? `  ${reason.message}` : ''
    out.push(`  ${reason.ruleId.padEnd(width)}  ${what}${message}`)
  }
  out.push(`Tags: ${result.tags.length === 0 ? 'none' : result.tags.join(', ')}`)
  if (result.errors.length === 0) out.push('Errors: none')
  else {
    out.push(`Errors (${result.errors.length}, outcome is at least review):`)
    for (const e of result.errors) out.push(`  ${e.ruleId}: ${e.message}`)
  }
  for (const m of result.listMatches)
    out.push(`List match: ${m.list} has ${JSON.stringify(m.value)} (${m.ruleId})`)
  const { method, carrier, methodKnown, estimatedDelivery: eta } = facts.shipping
  const via = carrier ? ` via ${carrier}` : ''
  const when = eta ? `, estimated delivery ${eta.earliest} to ${eta.latest}` : ''
  out.push(`Shipping: ${method}${methodKnown ? via : ' (unknown method)'}${when}`)
  return out
}

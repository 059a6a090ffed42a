import type { PolicyDocument, PolicyRule } from '../../../../engine/src/policy/policy.types.js'

/** A minimal valid policy around the given rules (thresholds review 40 / decline 80). */
export function policyWith(rules: PolicyRule[], extra: Partial<PolicyDocument> = {}): PolicyDocument {
  return { schemaVersion: 1, settings: { thresholds: { review: 40, decline: 80 } }, rules, ...extra }
}

/** A rule whose single condition is `{fact, path, operator, value}`. */
export function rule(
  id: string,
  condition: { fact: string; path?: string; operator: string; value: unknown },
  event: PolicyRule['event'] = { type: 'tag', params: { tag: id } },
  more: Partial<PolicyRule> = {},
): PolicyRule {
  return { id, category: 'fraud', conditions: { all: [condition] }, event, ...more }
}

export const always = { fact: 'order', path: '$.total', operator: 'greaterThanInclusive', value: 0 }
export const never = { fact: 'order', path: '$.total', operator: 'lessThan', value: 0 }

import type { Outcome } from './result.types.js'

export interface FiredSummary {
  score: number
  decline: boolean
  hold: boolean
  review: boolean
  errors: number
}

/**
 * policies.md "Outcome", plus "Evaluation errors": a rule that could not be evaluated never lets an
 * order pass silently, so any error lifts `approve` to `review`.
 */
export function decideOutcome(s: FiredSummary, thresholds: { review: number; decline: number }): Outcome {
  if (s.decline || s.score >= thresholds.decline) return 'decline'
  if (s.hold) return 'hold'
  if (s.review || s.score >= thresholds.review || s.errors > 0) return 'review'
  return 'approve'
}

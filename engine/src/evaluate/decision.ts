import type { CompiledRule } from './compile-rule.js'
import { decideOutcome } from './outcome.js'
import type { EvaluationResult, Reason, RuleError } from './result.types.js'
import type { RunState } from './run-state.js'
import { exactScore } from './score.js'

/** What one evaluation has gathered so far: fired rules' reasons, tags, errors, score and flags. */
export class Decision {
  reasons: Reason[] = []
  tags: string[] = []
  errors: RuleError[] = []
  score = 0
  decline = false
  hold = false
  review = false
  /** Set when a running double sum may have drifted: fractional points, or beyond 2^53. */
  private inexact = false

  fire(rule: CompiledRule): void {
    const reason = { ...rule.reason }
    this.reasons.push(reason)
    this.score += rule.points
    if (!Number.isSafeInteger(rule.points) || !Number.isSafeInteger(this.score)) this.inexact = true
    const type = reason.type
    if (type === 'decline') this.decline = true
    else if (type === 'hold') this.hold = true
    else if (type === 'review') this.review = true
    else if (type === 'tag' && reason.tag !== undefined && !this.tags.includes(reason.tag))
      this.tags.push(reason.tag)
  }

  result(st: RunState, thresholds: { review: number; decline: number }): EvaluationResult {
    if (this.inexact) {
      const points = this.reasons.flatMap((r) =>
        r.type === 'score' && r.points !== undefined ? [r.points] : [],
      )
      this.score = exactScore(points)
    }
    const { score, decline, hold, review } = this
    const outcome = decideOutcome({ score, decline, hold, review, errors: this.errors.length }, thresholds)
    return {
      outcome,
      score: this.score,
      reasons: this.reasons,
      tags: this.tags,
      errors: this.errors,
      listMatches: st.listMatches,
    }
  }
}

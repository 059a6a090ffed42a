/**
 * A policy that cannot be compiled: json-rules-engine would refuse it when adding the rule (bad
 * condition shape, priority ≤ 0) or it names something that does not exist (unknown fact, operator,
 * shared condition). `validatePolicy` refuses all of these at save, so a saved policy never throws.
 */
export class PolicyCompileError extends Error {
  readonly code = 'POLICY_NOT_COMPILABLE'
  override readonly name = 'PolicyCompileError'

  constructor(
    message: string,
    /** JSON path into the policy document. */
    readonly path: (string | number)[],
  ) {
    super(`${message} (at ${path.join('.')})`)
  }
}

import type { OperatorDefinition } from './operator.types.js'
import { testPattern } from './pattern.js'

/**
 * True for a string fact the pattern does not match. Like json-rules-engine's contains/doesNotContain
 * pair, a non-string fact is false for both `matches` and `doesNotMatch` (use `not:matches` to treat
 * a missing value as "does not match").
 */
export const doesNotMatch: OperatorDefinition = {
  name: 'doesNotMatch',
  cb: (a, b, st) => typeof a === 'string' && typeof b === 'string' && !testPattern(a, b, st),
}

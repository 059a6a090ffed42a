import type { OperatorDefinition } from './operator.types.js'
import { testPattern } from './pattern.js'

/**
 * Regular expression test (syntax in pattern.ts). A non-string fact, or a non-string value, is false
 * rather than coerced: `matches` never sees "undefined" or "null" as text.
 */
export const matches: OperatorDefinition = {
  name: 'matches',
  cb: (a, b, st) => typeof a === 'string' && typeof b === 'string' && testPattern(a, b, st),
}

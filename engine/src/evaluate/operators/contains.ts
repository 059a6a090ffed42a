import { indexOf } from './index-of.js'
import type { OperatorDefinition } from './operator.types.js'

/** Needs an array fact: on a string (or anything else) it is false, and so is `doesNotContain`. */
export const contains: OperatorDefinition = {
  name: 'contains',
  validateFact: Array.isArray,
  cb: (a, b) => indexOf(a, b) > -1,
}

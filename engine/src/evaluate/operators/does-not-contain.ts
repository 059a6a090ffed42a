import { indexOf } from './index-of.js'
import type { OperatorDefinition } from './operator.types.js'

export const doesNotContain: OperatorDefinition = {
  name: 'doesNotContain',
  validateFact: Array.isArray,
  cb: (a, b) => indexOf(a, b) === -1,
}

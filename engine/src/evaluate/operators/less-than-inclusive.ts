import { isNumericFact } from './numeric.js'
import type { OperatorDefinition } from './operator.types.js'

export const lessThanInclusive: OperatorDefinition = {
  name: 'lessThanInclusive',
  validateFact: isNumericFact,
  cb: (a, b) => (a as number) <= (b as number),
}

import { indexOf } from './index-of.js'
import type { OperatorDefinition } from './operator.types.js'

/** `value.indexOf(fact) > -1`: a string value makes it a substring test; number/null/object values throw. */
export const inOperator: OperatorDefinition = { name: 'in', cb: (a, b) => indexOf(b, a) > -1 }

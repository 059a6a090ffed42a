import { indexOf } from './index-of.js'
import type { OperatorDefinition } from './operator.types.js'

export const notIn: OperatorDefinition = { name: 'notIn', cb: (a, b) => indexOf(b, a) === -1 }

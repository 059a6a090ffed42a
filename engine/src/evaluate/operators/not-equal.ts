import type { OperatorDefinition } from './operator.types.js'

export const notEqual: OperatorDefinition = { name: 'notEqual', cb: (a, b) => a !== b }

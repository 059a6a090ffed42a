import type { OperatorDefinition } from './operator.types.js'

/** Strict equality: objects compare by reference, so a literal object never equals a fact value. */
export const equal: OperatorDefinition = { name: 'equal', cb: (a, b) => a === b }

import type { OperatorDefinition } from './operator.types.js'

/** Case-insensitive string prefix; non-string fact or value → false. An empty prefix matches every string. */
export const startsWith: OperatorDefinition = {
  name: 'startsWith',
  cb: (a, b) => typeof a === 'string' && typeof b === 'string' && a.toLowerCase().startsWith(b.toLowerCase()),
}

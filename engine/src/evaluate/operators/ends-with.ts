import type { OperatorDefinition } from './operator.types.js'

/** Case-insensitive string suffix; non-string fact or value → false. An empty suffix matches every string. */
export const endsWith: OperatorDefinition = {
  name: 'endsWith',
  cb: (a, b) => typeof a === 'string' && typeof b === 'string' && a.toLowerCase().endsWith(b.toLowerCase()),
}

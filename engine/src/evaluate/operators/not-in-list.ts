import { isInManagedList } from './managed-list.js'
import type { OperatorDefinition } from './operator.types.js'

/**
 * Exact negation of inList for every fact: true when no element is in the list, including for a
 * missing (undefined/null) fact. Hits are still recorded in listMatches.
 */
export const notInList: OperatorDefinition = {
  name: 'notInList',
  cb: (a, b, st) => !isInManagedList(a, b, st),
}

import { isInManagedList } from './managed-list.js'
import type { OperatorDefinition } from './operator.types.js'

/** value = name of a managed list; true when the fact (or any element of an array fact) is in it. */
export const inList: OperatorDefinition = { name: 'inList', cb: isInManagedList }

import { findNodeAtLocation, getLocation, type Node, parseTree } from 'jsonc-parser'

export type Slot = 'fact' | 'path' | 'operator' | 'eventType' | 'category'

export interface SlotContext {
  slot: Slot
  /** For `path` (and `value.path`): the sibling `fact` the path is into, when written. */
  fact: string | null
  /** The string literal under the cursor (quotes included), to be replaced by a completion. */
  replace: { start: number; end: number } | null
}

function siblingString(root: Node | undefined, objectPath: (string | number)[], key: string): string | null {
  if (!root) return null
  const node = findNodeAtLocation(root, [...objectPath, key])
  return node && node.type === 'string' ? (node.value as string) : null
}

function inConditions(path: (string | number)[]): boolean {
  return path.some((p) => p === 'conditions')
}

/**
 * What the cursor sits on, for the editor's fact/path/operator/event completions and hovers. Pure:
 * works on the text and an offset (jsonc-parser tolerates the half-typed JSON of an editing session).
 */
export function slotAt(text: string, offset: number): SlotContext | null {
  const loc = getLocation(text, offset)
  if (loc.isAtPropertyKey || loc.path.length === 0) return null
  const path = loc.path
  const key = path[path.length - 1]
  const parent = path.slice(0, -1)
  const node = loc.previousNode
  const replace =
    node && node.type === 'string' && offset >= node.offset && offset <= node.offset + node.length
      ? { start: node.offset, end: node.offset + node.length }
      : null
  let slot: Slot | null = null
  if (key === 'fact' && inConditions(path)) slot = 'fact'
  else if (key === 'path' && inConditions(path)) slot = 'path'
  else if (key === 'operator' && inConditions(path)) slot = 'operator'
  else if (key === 'type' && parent[parent.length - 1] === 'event') slot = 'eventType'
  else if (key === 'category' && parent[0] === 'rules' && parent.length === 2) slot = 'category'
  if (!slot) return null
  const fact = slot === 'path' ? siblingString(parseTree(text), parent as (string | number)[], 'fact') : null
  return { slot, fact, replace }
}

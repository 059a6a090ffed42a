import { booleanKey, type NodePlace } from './check-conditions.js'
import { isObject, type Json } from './policy-issue.js'

/**
 * Condition levels a rule may reach once its shared-condition references are expanded, as
 * json-rules-engine and the compiler expand them: a chain of references a few hundred long
 * overflows the stack when the policy is compiled.
 */
export const MAX_CONDITION_DEPTH = 128
/**
 * Conditions a rule may expand to. Each is evaluated for every order, and a shared condition that
 * refers twice to the previous one doubles the count at every level: 20 such lines make a million.
 */
export const MAX_EXPANDED_CONDITIONS = 10_000
/**
 * Conditions all rules together may expand to: the per-rule bound alone lets a 60 KB document of
 * rules that each refer to one large shared condition expand to millions, which saving, compiling
 * and evaluating one order would each take seconds over.
 */
export const MAX_DOCUMENT_CONDITIONS = 100_000

export interface ConditionSize {
  nodes: number
  depth: number
}

const ONE: ConditionSize = { nodes: 1, depth: 1 }

/** Names of the shared conditions `node` refers to directly (through nested nodes). */
export function references(node: unknown, out: Set<string>, place: NodePlace = 'nested'): Set<string> {
  if (!isObject(node)) return out
  const key = booleanKey(node, place)
  const child = key === undefined ? undefined : node[key]
  if (key === 'condition' && typeof child === 'string') out.add(child)
  else if (Array.isArray(child)) for (const c of child) references(c, out)
  else references(child, out)
  return out
}

/**
 * Sizes of condition trees with every reference expanded. Shared conditions are sized once each,
 * in dependency order and without recursion, so neither a long chain nor a diamond of references
 * costs more than one pass over the document. A reference back into a cycle counts as one node
 * (cycles are refused on their own).
 */
export class ExpandedSizes {
  private readonly sizes = new Map<string, ConditionSize>()
  private readonly refs = new Map<string, string[]>()

  constructor(private readonly shared: Json | undefined) {}

  of(node: unknown, place: NodePlace): ConditionSize {
    for (const name of references(node, new Set(), place)) if (this.defined(name)) this.size(name)
    return this.tree(node, place)
  }

  private defined(name: string): boolean {
    return this.shared !== undefined && Object.hasOwn(this.shared, name)
  }

  private refsOf(name: string): string[] {
    let refs = this.refs.get(name)
    if (!refs) {
      refs = [...references(this.shared?.[name], new Set())].filter((r) => this.defined(r))
      this.refs.set(name, refs)
    }
    return refs
  }

  private size(name: string): void {
    if (this.sizes.has(name)) return
    const stack = [name]
    const open = new Set(stack)
    while (stack.length > 0) {
      const top = stack.at(-1)!
      const next = this.refsOf(top).find((r) => !this.sizes.has(r) && !open.has(r))
      if (next !== undefined) {
        stack.push(next)
        open.add(next)
        continue
      }
      stack.pop()
      open.delete(top)
      this.sizes.set(top, this.tree(this.shared?.[top], 'nested'))
    }
  }

  /** One tree, references read from the sizes already known. */
  private tree(node: unknown, place: NodePlace): ConditionSize {
    if (!isObject(node)) return ONE
    const key = booleanKey(node, place)
    if (key === undefined) return ONE
    const child = node[key]
    if (key === 'condition') {
      const size = typeof child === 'string' && this.defined(child) ? this.sizes.get(child) : undefined
      return size ? { nodes: size.nodes + 1, depth: size.depth + 1 } : ONE
    }
    const children = key === 'not' ? [child] : Array.isArray(child) ? child : []
    let nodes = 1
    let depth = 0
    for (const c of children) {
      const size = this.tree(c, 'nested')
      nodes += size.nodes
      if (size.depth > depth) depth = size.depth
    }
    return { nodes, depth: depth + 1 }
  }
}

import { findNodeAtLocation, type Node, parseTree } from 'jsonc-parser'
import { type JsonPath, parseIssuePath } from './issue-path.js'

/** Monaco's MarkerSeverity values, repeated here so this module stays free of Monaco. */
export const Severity = { Error: 8, Warning: 4, Info: 2 } as const

export interface IssueLike {
  path: string | readonly (string | number)[]
  message: string
  code?: string
}

export interface MarkerData {
  startLineNumber: number
  startColumn: number
  endLineNumber: number
  endColumn: number
  message: string
  severity: number
  code?: string
  /** Where the marker landed; shorter than the issue's path when that path does not exist in the text. */
  resolvedPath: JsonPath
  source: 'browser' | 'server'
}

/** Precomputed line starts for offset → (line, column) lookups (1-based, as Monaco wants). */
export class LineIndex {
  private readonly starts: number[] = [0]
  constructor(text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1)
  }
  position(offset: number): { line: number; column: number } {
    let lo = 0
    let hi = this.starts.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if (this.starts[mid]! <= offset) lo = mid
      else hi = mid - 1
    }
    return { line: lo + 1, column: offset - this.starts[lo]! + 1 }
  }
}

/** The deepest existing node along `path`; a missing property resolves to its parent object. */
function locate(root: Node, path: JsonPath): { node: Node; depth: number } {
  for (let depth = path.length; depth > 0; depth--) {
    const node = findNodeAtLocation(root, path.slice(0, depth))
    if (node) return { node, depth }
  }
  return { node: root, depth: 0 }
}

/** Highlight range for a node: a property's key and value together read best for objects' children;
 * an object/array that only contains the problem (a missing field) gets its first line only. */
function rangeOf(node: Node, exact: boolean, text: string): [number, number] {
  const prop = node.parent?.type === 'property' ? node.parent : undefined
  if (!exact || node.type === 'object' || node.type === 'array') {
    const start = prop?.children?.[0]?.offset ?? node.offset
    const nl = text.indexOf('\n', start)
    const lineEnd = nl === -1 ? text.length : nl
    return [start, Math.max(start + 1, Math.min(node.offset + node.length, lineEnd))]
  }
  return [node.offset, node.offset + node.length]
}

/**
 * PolicyIssue[] (paths into the document) → Monaco markers placed on the matching JSON text.
 * Pure and Monaco-free so it can be unit-tested; unparseable text puts every issue on line 1.
 */
export function issuesToMarkers(
  text: string,
  issues: readonly IssueLike[],
  opts: { severity?: number; source?: 'browser' | 'server'; tree?: Node | undefined } = {},
): MarkerData[] {
  const severity = opts.severity ?? Severity.Error
  const source = opts.source ?? 'browser'
  const root = opts.tree ?? parseTree(text)
  const lines = new LineIndex(text)
  return issues.map((issue) => {
    const path = parseIssuePath(issue.path)
    let start = 0
    let end = Math.min(1, text.length)
    let resolvedPath: JsonPath = []
    if (root) {
      const { node, depth } = locate(root, path)
      ;[start, end] = rangeOf(node, depth === path.length, text)
      resolvedPath = path.slice(0, depth)
    }
    const a = lines.position(start)
    const b = lines.position(end)
    const marker: MarkerData = {
      startLineNumber: a.line,
      startColumn: a.column,
      endLineNumber: b.line,
      endColumn: b.column,
      message: issue.message,
      severity,
      resolvedPath,
      source,
    }
    if (issue.code) marker.code = issue.code
    return marker
  })
}

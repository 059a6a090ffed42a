import { findNodeAtLocation, parseTree } from 'jsonc-parser'

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/

/** `['rules', 3, 'event']` → `$.rules[3].event` (the notation analysts see everywhere in Verdict). */
export function toJsonPath(path: readonly (string | number)[]): string {
  let out = '$'
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`
    else if (IDENTIFIER.test(seg)) out += `.${seg}`
    else out += `[${JSON.stringify(seg)}]`
  }
  return out
}

/**
 * 1-based line and column of the value at `path` in the JSON source, so editors can jump to it.
 * Walks up to the nearest existing parent when the path names something missing (e.g. a required
 * field that is absent); null only when the text itself cannot be parsed.
 */
export function locate(
  text: string,
  path: readonly (string | number)[],
): { line: number; column: number } | null {
  const root = parseTree(text)
  if (!root) return null
  for (let n = path.length; n >= 0; n--) {
    const node = findNodeAtLocation(root, path.slice(0, n) as (string | number)[])
    if (node) return position(text, node.offset)
  }
  return position(text, root.offset)
}

function position(text: string, offset: number): { line: number; column: number } {
  let line = 1
  let lineStart = 0
  for (let i = 0; i < offset; i++) {
    if (text.charCodeAt(i) === 10) {
      line++
      lineStart = i + 1
    }
  }
  return { line, column: offset - lineStart + 1 }
}

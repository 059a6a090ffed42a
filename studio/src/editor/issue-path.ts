export type JsonPath = (string | number)[]

/**
 * Parses the path forms issues arrive in: engine arrays, `$.rules[3].event`, `rules.3.event`,
 * JSON Pointer `/rules/3/event`. Digit-only segments become array indexes.
 */
export function parseIssuePath(path: string | readonly (string | number)[]): JsonPath {
  if (Array.isArray(path)) return [...path]
  let s = (path as string).trim()
  if (s === '' || s === '$' || s === '/') return []
  const seg = (p: string): string | number => (/^\d+$/.test(p) ? Number(p) : p)
  if (s.startsWith('/')) {
    return s
      .slice(1)
      .split('/')
      .map((p) => seg(p.replace(/~1/g, '/').replace(/~0/g, '~')))
  }
  if (s.startsWith('$')) s = s.slice(1)
  const out: JsonPath = []
  const re = /\[(\d+)\]|\[['"]([^'"]*)['"]\]|\.?([^.[\]]+)/g
  for (const m of s.matchAll(re)) {
    if (m[1] !== undefined) out.push(Number(m[1]))
    else if (m[2] !== undefined) out.push(m[2])
    else if (m[3] !== undefined) out.push(seg(m[3]))
  }
  return out
}

/** `['rules', 3, 'event', 'type']` → `rules[3].event.type` (what the problems panel shows). */
export function formatPath(path: readonly (string | number)[]): string {
  if (path.length === 0) return '(document)'
  return path
    .map((p, i) =>
      typeof p === 'number' ? `[${p}]` : /^[A-Za-z_$][\w$]*$/.test(p) ? (i ? `.${p}` : p) : `["${p}"]`,
    )
    .join('')
}

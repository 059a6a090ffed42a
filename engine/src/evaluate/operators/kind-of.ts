/** How an error message names a JSON value's kind: `null`, `a number`, `nothing (the value is missing)`. */
export function kindOf(value: unknown): string {
  if (value === undefined) return 'nothing (the value is missing)'
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`
}

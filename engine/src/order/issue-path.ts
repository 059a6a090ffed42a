const IDENTIFIER = /^[A-Za-z_$][\w$]*$/

/**
 * Dotted path with `[i]` for array indexes (`items[0].unitPrice`, `payment.card.bin`); keys that
 * are not identifiers are quoted (`attributes["gift note"]`). The root itself is `$`.
 */
export function formatPath(segments: readonly PropertyKey[]): string {
  let path = ''
  for (const segment of segments) {
    if (typeof segment === 'number') path += `[${segment}]`
    else {
      const key = String(segment)
      if (IDENTIFIER.test(key)) path += path === '' ? key : `.${key}`
      else path += `[${JSON.stringify(key)}]`
    }
  }
  return path === '' ? '$' : path
}

const HEXTET = /^[0-9a-f]{1,4}$/
const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/

/** The two hextets of a dotted IPv4 tail (`::ffff:192.0.2.1`), or null. */
function ipv4Hextets(text: string): number[] | null {
  const m = IPV4.exec(text)
  if (!m) return null
  const bytes = m.slice(1).map(Number)
  if (bytes.some((b) => b > 255)) return null
  const [a, b, c, d] = bytes as [number, number, number, number]
  return [(a << 8) | b, (c << 8) | d]
}

/**
 * RFC 5952 text of an IPv6 address (lower case, no leading zeros, the longest run of two or more
 * zero groups as `::`), so that one address written two ways is one velocity key; null when
 * `text` (already trimmed and lower-cased) is not an IPv6 address.
 * @example canonicalIpv6('2001:0db8:0:0:0:0:0:1') // '2001:db8::1'
 */
export function canonicalIpv6(text: string): string | null {
  if (!text.includes(':')) return null
  const halves = text.split('::')
  if (halves.length > 2) return null
  const parse = (part: string): number[] | null => {
    if (part === '') return []
    const groups = part.split(':')
    const out: number[] = []
    for (let i = 0; i < groups.length; i++) {
      const g = groups[i]!
      if (i === groups.length - 1 && g.includes('.')) {
        const tail = ipv4Hextets(g)
        if (tail === null) return null
        out.push(...tail)
      } else if (HEXTET.test(g)) out.push(Number.parseInt(g, 16))
      else return null
    }
    return out
  }
  const head = parse(halves[0]!)
  const tail = halves.length === 2 ? parse(halves[1]!) : []
  if (head === null || tail === null) return null
  // An IPv4 tail may only end the address.
  if (halves.length === 2 && halves[0]!.includes('.')) return null
  const missing = 8 - head.length - tail.length
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null
  const groups = [...head, ...new Array<number>(missing).fill(0), ...tail]
  // Longest run of zeros (≥ 2 groups; the first on a tie) becomes `::`.
  let best = -1
  let bestLength = 1
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++
      continue
    }
    let j = i
    while (j < 8 && groups[j] === 0) j++
    if (j - i > bestLength) {
      best = i
      bestLength = j - i
    }
    i = j
  }
  const hex = (from: number, to: number) =>
    groups
      .slice(from, to)
      .map((g) => g.toString(16))
      .join(':')
  return best < 0 ? hex(0, 8) : `${hex(0, best)}::${hex(best + bestLength, 8)}`
}

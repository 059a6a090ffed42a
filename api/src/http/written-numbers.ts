import { isLossyNumberText } from '../engine.js'

/**
 * JSON numbers whose text is not exactly the double JSON.parse made of them (`48.180000000000001`,
 * `1e-400`), remembered by the parsed container that holds them, so that order validation can
 * judge an amount as written (orders.md: more decimals than the currency has is refused).
 */
const written = new WeakMap<object, Map<string, string>>()

/**
 * A number token that may not survive parsing: 16+ characters, or an exponent. Shorter plain
 * decimals have at most 15 significant digits and no more than 14 leading zeros, which a double
 * always holds exactly. May also match inside strings: the scan below tells them apart.
 */
const CANDIDATE = /[:,[]\s*-?(?:[\d.]{16}|[\d.]+[eE])/

interface Frame {
  value: unknown
  array: boolean
  index: number
  key: string
  expectKey: boolean
}

const child = (frame: Frame | undefined, root: unknown): unknown => {
  if (!frame) return root
  const container = frame.value
  if (container === null || typeof container !== 'object') return undefined
  return (container as Record<string, unknown>)[frame.array ? String(frame.index) : frame.key]
}

function stringEnd(text: string, start: number): number {
  let i = start + 1
  while (i < text.length) {
    const c = text.charCodeAt(i)
    if (c === 92) i += 2
    else if (c === 34) return i + 1
    else i++
  }
  return i
}

const NUMBER_CHAR = /[-+.\deE]/

/**
 * Scans the text of a body that JSON.parse accepted (`root`) and records its lossy numbers. With a
 * key repeated in one object the last occurrence counts, as for JSON.parse.
 */
export function recordWrittenNumbers(text: string, root: unknown): void {
  if (!CANDIDATE.test(text)) return
  const stack: Frame[] = []
  let i = 0
  while (i < text.length) {
    const c = text[i]!
    const frame = stack.at(-1)
    if (c === '"') {
      const end = stringEnd(text, i)
      if (frame && !frame.array && frame.expectKey) frame.key = JSON.parse(text.slice(i, end)) as string
      i = end
    } else if (c === '{' || c === '[') {
      stack.push({ value: child(frame, root), array: c === '[', index: 0, key: '', expectKey: c === '{' })
      i++
    } else if (c === '}' || c === ']') {
      stack.pop()
      i++
    } else if (c === ',') {
      if (frame?.array) frame.index++
      else if (frame) frame.expectKey = true
      i++
    } else if (c === ':') {
      if (frame) frame.expectKey = false
      i++
    } else if (c === '-' || (c >= '0' && c <= '9')) {
      let end = i + 1
      while (end < text.length && NUMBER_CHAR.test(text[end]!)) end++
      if (frame) record(frame, text.slice(i, end))
      i = end
    } else i++
  }
}

function record(frame: Frame, token: string): void {
  const container = frame.value
  if (container === null || typeof container !== 'object') return
  const key = frame.array ? String(frame.index) : frame.key
  const numbers = written.get(container)
  if (isLossyNumberText(token)) {
    if (numbers) numbers.set(key, token)
    else written.set(container, new Map([[key, token]]))
  } else numbers?.delete(key)
}

/**
 * The number at `path` under `root` as its body wrote it, when that differs from its parsed value
 * (see recordWrittenNumbers); `undefined` otherwise.
 */
export function writtenNumberAt(root: unknown, path: readonly (string | number)[]): string | undefined {
  let container = root
  for (let k = 0; k < path.length - 1; k++) {
    if (container === null || typeof container !== 'object') return undefined
    container = (container as Record<string, unknown>)[String(path[k])]
  }
  if (container === null || typeof container !== 'object' || path.length === 0) return undefined
  return written.get(container)?.get(String(path.at(-1)))
}

/**
 * False when no container an order keeps its amounts and quantities in (the order, shipping,
 * payment, item lines) holds a recorded number: the usual answer, without building any path.
 */
export function mayHaveWrittenNumbers(order: unknown): boolean {
  if (order === null || typeof order !== 'object') return false
  const o = order as Record<string, unknown>
  const has = (value: unknown) => value !== null && typeof value === 'object' && written.has(value)
  return has(o) || has(o.shipping) || has(o.payment) || (Array.isArray(o.items) && o.items.some(has))
}

/**
 * Line-by-line NDJSON reading from a byte stream without buffering the whole body: memory is
 * bounded by one chunk plus the longest line, which is itself capped (a runaway line is reported,
 * not accumulated).
 */
export interface NdjsonLine {
  /** 1-based line number in the body. */
  line: number
  /** The line's text, or null when it exceeded `maxLineBytes` (its bytes were discarded). */
  text: string | null
}

export const DEFAULT_MAX_LINE_CHARS = 1024 * 1024

/** Yields every non-blank line of `body` with its 1-based line number. */
export async function* readNdjsonLines(
  body: ReadableStream<Uint8Array> | null,
  maxLineChars = DEFAULT_MAX_LINE_CHARS,
): AsyncGenerator<NdjsonLine> {
  if (!body) return
  const decoder = new TextDecoder('utf-8', { fatal: false })
  let pending = ''
  let overflow = false
  let lineNo = 0
  const reader = body.getReader()
  try {
    for (;;) {
      const { done, value } = await reader.read()
      const chunk = done ? decoder.decode() : decoder.decode(value, { stream: true })
      let start = 0
      for (let nl = chunk.indexOf('\n', start); nl !== -1; nl = chunk.indexOf('\n', start)) {
        lineNo++
        const piece = chunk.slice(start, nl)
        start = nl + 1
        const full = overflow || pending.length + piece.length > maxLineChars ? null : pending + piece
        pending = ''
        overflow = false
        const line = toLine(lineNo, full)
        if (line) yield line
      }
      const rest = chunk.slice(start)
      if (!overflow) {
        if (pending.length + rest.length > maxLineChars) {
          overflow = true
          pending = ''
        } else pending += rest
      }
      if (done) break
    }
    if (overflow || pending.length > 0) {
      const line = toLine(lineNo + 1, overflow ? null : pending)
      if (line) yield line
    }
  } finally {
    reader.releaseLock()
  }
}

function toLine(line: number, text: string | null): NdjsonLine | null {
  if (text === null) return { line, text: null }
  const trimmed = text.endsWith('\r') ? text.slice(0, -1) : text
  return trimmed.trim() === '' ? null : { line, text: trimmed }
}

/** Splits an already-buffered NDJSON text the same way (used by small bodies such as the catalog). */
export function splitNdjson(text: string): NdjsonLine[] {
  const out: NdjsonLine[] = []
  text.split('\n').forEach((raw, i) => {
    const line = toLine(i + 1, raw)
    if (line) out.push(line)
  })
  return out
}

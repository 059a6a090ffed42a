import { bodyCutOff } from '../errors.js'

/**
 * Line-by-line NDJSON reading from a byte stream without buffering the whole body: memory is
 * bounded by one chunk plus the longest line, which is itself capped (a runaway line is reported,
 * not accumulated).
 */
export interface NdjsonLine {
  /** 1-based line number in the body. */
  line: number
  /**
   * The line's text; null when it exceeded `maxLineBytes` (its bytes were discarded). A line that
   * is not valid UTF-8 keeps its text decoded leniently, for the card-number scan only.
   */
  text: string | null
  /** Why the line cannot be read as it was sent (too long, not UTF-8). */
  problem?: string
}

export const DEFAULT_MAX_LINE_BYTES = 1024 * 1024

const NEWLINE = 0x0a
const BOM = '\ufeff'
// A BOM is kept by the decoders and stripped from the body's first line only: anywhere else it is
// a character of the line, as JSON.parse sees it.
const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })
const lenient = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true })

/** The next chunk of the request body; one that fails to arrive is the client's failure (bodyCutOff). */
async function readBody(reader: ReadableStreamDefaultReader<Uint8Array>) {
  try {
    return await reader.read()
  } catch {
    throw bodyCutOff()
  }
}

/**
 * Yields every non-blank line of `body` with its 1-based line number. Lines are split on bytes
 * (0x0A never occurs inside a multi-byte UTF-8 sequence) and each is decoded strictly, so that a
 * line with bytes that are not UTF-8 is reported with its number rather than read with U+FFFD.
 */
export async function* readNdjsonLines(
  body: ReadableStream<Uint8Array> | null,
  maxLineBytes = DEFAULT_MAX_LINE_BYTES,
): AsyncGenerator<NdjsonLine> {
  if (!body) return
  let pending: Uint8Array[] = []
  let pendingBytes = 0
  let overflow = false
  let lineNo = 0
  const reader = body.getReader()
  const finish = (piece: Uint8Array): NdjsonLine | null => {
    lineNo++
    const line =
      overflow || pendingBytes + piece.length > maxLineBytes
        ? { line: lineNo, text: null, problem: 'line is longer than 1 MiB' }
        : decodeLine(
            lineNo,
            pending.length === 0 ? piece : concat([...pending, piece], pendingBytes + piece.length),
          )
    pending = []
    pendingBytes = 0
    overflow = false
    return line
  }
  try {
    for (;;) {
      const { done, value } = await readBody(reader)
      if (done) break
      let start = 0
      for (let nl = value.indexOf(NEWLINE, start); nl !== -1; nl = value.indexOf(NEWLINE, start)) {
        const line = finish(value.subarray(start, nl))
        start = nl + 1
        if (line) yield line
      }
      const rest = value.subarray(start)
      if (overflow || rest.length === 0) continue
      if (pendingBytes + rest.length > maxLineBytes) {
        overflow = true
        pending = []
        pendingBytes = 0
      } else {
        pending.push(rest.slice())
        pendingBytes += rest.length
      }
    }
    if (overflow || pendingBytes > 0) {
      const line = finish(new Uint8Array(0))
      if (line) yield line
    }
  } finally {
    reader.releaseLock()
  }
}

function concat(parts: Uint8Array[], length: number): Uint8Array {
  const out = new Uint8Array(length)
  let at = 0
  for (const part of parts) {
    out.set(part, at)
    at += part.length
  }
  return out
}

function decodeLine(line: number, bytes: Uint8Array): NdjsonLine | null {
  let text: string
  try {
    text = strict.decode(bytes)
  } catch {
    return { line, text: lenient.decode(bytes), problem: 'is not valid UTF-8' }
  }
  return toLine(line, line === 1 && text.startsWith(BOM) ? text.slice(1) : text)
}

function toLine(line: number, text: string): NdjsonLine | null {
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

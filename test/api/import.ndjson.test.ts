import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ApiError } from '../../api/src/errors.js'
import { readNdjsonLines, splitNdjson } from '../../api/src/imports/ndjson.js'

/** A stream that delivers `bytes` cut at the given offsets (chunk boundaries anywhere, even mid-character). */
function streamOf(bytes: Uint8Array, cuts: number[]): ReadableStream<Uint8Array> {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b)
  const chunks: Uint8Array[] = []
  let from = 0
  for (const p of [...points, bytes.length]) {
    if (p > from) chunks.push(bytes.slice(from, p))
    from = Math.max(from, p)
  }
  return new ReadableStream({
    pull(controller) {
      const next = chunks.shift()
      if (next) controller.enqueue(next)
      else controller.close()
    },
  })
}

async function collect(stream: ReadableStream<Uint8Array>, max?: number) {
  const out = []
  for await (const line of readNdjsonLines(stream, max)) out.push(line)
  return out
}

const lineText = fc.string({ unit: fc.constantFrom('a', 'é', '€', '😀', ' ', '"', '{', '\r') })

describe('readNdjsonLines', () => {
  it('yields the same numbered lines as splitting the whole text, however the bytes are chunked', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(lineText, { maxLength: 12 }),
        fc.array(fc.nat(), { maxLength: 20 }),
        async (lines, cuts) => {
          const text = lines.join('\n')
          const streamed = await collect(streamOf(new TextEncoder().encode(text), cuts))
          expect(streamed).toEqual(splitNdjson(text))
        },
      ),
    )
  })

  it('numbers lines from 1, skips blank ones and strips CRLF', async () => {
    const lines = await collect(streamOf(new TextEncoder().encode('{"a":1}\r\n\n  \n{"b":2}'), [3, 9]))
    expect(lines).toEqual([
      { line: 1, text: '{"a":1}' },
      { line: 4, text: '{"b":2}' },
    ])
  })

  it('reports a line longer than the cap as null without keeping it, and goes on', async () => {
    const long = 'x'.repeat(5000)
    const lines = await collect(
      streamOf(new TextEncoder().encode(`ok\n${long}\nafter`), [100, 2000, 4000]),
      1000,
    )
    expect(lines).toEqual([
      { line: 1, text: 'ok' },
      { line: 2, text: null, problem: 'line is longer than 1 MiB' },
      { line: 3, text: 'after' },
    ])
  })

  it('reports a line that is not UTF-8 with its number, whatever the chunking', async () => {
    const bytes = new Uint8Array([
      ...new TextEncoder().encode('{"a":"é"}\n{"b":"'),
      0xff,
      ...new TextEncoder().encode('"}\n{"c":1}'),
    ])
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(), { maxLength: 6 }), async (cuts) => {
        const lines = await collect(streamOf(bytes, cuts))
        expect(lines).toEqual([
          { line: 1, text: '{"a":"é"}' },
          { line: 2, text: '{"b":"\ufffd"}', problem: 'is not valid UTF-8' },
          { line: 3, text: '{"c":1}' },
        ])
      }),
    )
  })

  it("strips a byte-order mark from the body's first line only", async () => {
    const lines = await collect(streamOf(new TextEncoder().encode('\ufeff{"a":1}\n\ufeff{"b":2}'), [1, 2]))
    expect(lines).toEqual([
      { line: 1, text: '{"a":1}' },
      { line: 2, text: '\ufeff{"b":2}' },
    ])
  })

  it('answers a body cut off by the client as a 400, not as the database outage its ECONNRESET looks like', async () => {
    let sent = false
    const cut = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent) controller.error(Object.assign(new Error('aborted'), { code: 'ECONNRESET' }))
        else controller.enqueue(new TextEncoder().encode('{"a":1}\n{"b"'))
        sent = true
      },
    })
    const error = await collect(cut).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({ code: 'bad_request', status: 400 })
  })

  it('reads a million lines in bounded memory', async () => {
    const LINES = 1_000_000
    const line = new TextEncoder().encode(
      `${JSON.stringify({ order: { id: 'x'.repeat(200) }, label: null })}\n`,
    )
    let sent = 0
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= LINES) return controller.close()
        const chunk = new Uint8Array(line.length * 1000)
        for (let k = 0; k < 1000; k++) chunk.set(line, k * line.length)
        sent += 1000
        controller.enqueue(chunk)
      },
    })
    const before = process.memoryUsage().heapUsed
    let count = 0
    let peak = 0
    for await (const { text } of readNdjsonLines(stream)) {
      if (text) count++
      if (count % 100_000 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed - before)
    }
    expect(count).toBe(LINES)
    // ~230 MB went through; what stays live is a chunk and a line (plus garbage not yet collected).
    expect(peak).toBeLessThan(64 * 1024 * 1024)
  }, 60_000)
})

import { findPan } from '../engine.js'
import { formatPath, splitUnknownKeys } from '../errors.js'
import { findHiddenPan } from '../http/hidden-pan.js'
import { jsonSafetyIssue } from '../http/json-safety.js'
import { splitNdjson } from '../imports/ndjson.js'
import { CatalogItemInput } from './catalog.schemas.js'

export interface RowIssue {
  path: string
  message: string
  /** NDJSON bodies: the 1-based line of the row. */
  line?: number
}

export type CatalogBodyResult =
  | { ok: true; rows: CatalogItemInput[] }
  | { ok: false; kind: 'malformed' | 'invalid' | 'too_large'; issues: RowIssue[] }
  /** A card number, refused before anything else about the upload (orders.md), never echoed. */
  | { ok: false; kind: 'pan'; path: string; line?: number }

const MAX_ISSUES = 100
const MAX_ROWS = 10_000

const panIn = (path: string, line?: number): CatalogBodyResult => ({
  ok: false,
  kind: 'pan',
  path,
  ...(line === undefined ? {} : { line }),
})

/**
 * Parses a catalog upload (a JSON array, or NDJSON with one row per line) and validates EVERY row,
 * so the caller can refuse the whole upload with each problem named by row index and field.
 * Pure: the service only stores what comes back `ok`.
 */
export function parseCatalogBody(text: string, ndjson: boolean): CatalogBodyResult {
  const entries: { value: unknown; line?: number; text?: string }[] = []
  if (ndjson) {
    for (const { line, text: lineText } of splitNdjson(text)) {
      try {
        entries.push({ value: JSON.parse(lineText ?? ''), line, text: lineText ?? '' })
      } catch {
        return {
          ok: false,
          kind: 'malformed',
          issues: [{ path: `[${entries.length}]`, line, message: 'is not valid JSON' }],
        }
      }
    }
  } else {
    let parsed: unknown
    try {
      parsed = JSON.parse(text)
    } catch {
      return { ok: false, kind: 'malformed', issues: [{ path: '$', message: 'is not valid JSON' }] }
    }
    const pan = findHiddenPan(text, parsed) ?? findPan(parsed)
    if (pan !== null) return panIn(pan)
    if (!Array.isArray(parsed)) {
      return {
        ok: false,
        kind: 'invalid',
        issues: [{ path: '$', message: 'must be an array of catalog items' }],
      }
    }
    for (const value of parsed) entries.push({ value })
  }
  // The same for each NDJSON line, named by its row and line.
  for (const [index, { value, line, text: lineText }] of entries.entries()) {
    if (lineText === undefined) break
    const pan = findHiddenPan(lineText, value) ?? findPan(value)
    if (pan !== null)
      return panIn(`[${index}]${pan === '$' ? '' : pan.startsWith('[') ? pan : `.${pan}`}`, line)
  }
  if (entries.length > MAX_ROWS) {
    // Too much in one request, not a wrong row: 413 tells the caller to split the upload.
    return {
      ok: false,
      kind: 'too_large',
      issues: [{ path: '$', message: `at most ${MAX_ROWS} rows per upload` }],
    }
  }

  const rows: CatalogItemInput[] = []
  const issues: RowIssue[] = []
  const seen = new Map<string, number>()
  entries.forEach(({ value, line }, index) => {
    // `field` is already formatted (formatPath): `price`, `["odd key"]`, `[0][1]`.
    const at = (field: string) => ({
      path: `[${index}]${field === '' || field.startsWith('[') ? field : `.${field}`}`,
      ...(line ? { line } : {}),
    })
    // Text PostgreSQL would refuse (U+0000) or store altered (a lone surrogate becomes U+FFFD).
    const unsafe = jsonSafetyIssue(value)
    if (unsafe) {
      issues.push({ ...at(unsafe.path === '$' ? '' : unsafe.path), message: unsafe.message })
      return
    }
    const result = CatalogItemInput.safeParse(value)
    if (!result.success) {
      // One issue per field: 2^53 + 1 breaks both `int` and `max` of `stock`, which say the same.
      const named = new Set<string>()
      for (const issue of result.error.issues.flatMap(splitUnknownKeys)) {
        const path = formatPath(issue.path)
        if (named.has(path)) continue
        named.add(path)
        issues.push({ ...at(path), message: issue.message })
      }
      return
    }
    const first = seen.get(result.data.sku)
    if (first !== undefined) issues.push({ ...at('sku'), message: `duplicates row ${first} in this upload` })
    else seen.set(result.data.sku, index)
    const { updatedAt: _set, ...row } = result.data
    rows.push(row)
  })
  if (issues.length > 0) return { ok: false, kind: 'invalid', issues: issues.slice(0, MAX_ISSUES) }
  return { ok: true, rows }
}

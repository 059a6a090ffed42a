// The API's list bodies may be a bare array or wrapped (`{data}`, `{items}`, `{<name>}`); adapters
// accept each so the studio does not break on an additive change of envelope.
export type Rec = Record<string, unknown>

export function isRec(v: unknown): v is Rec {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

export function unwrapList(body: unknown, ...names: string[]): unknown[] {
  if (Array.isArray(body)) return body
  if (!isRec(body)) return []
  for (const name of [...names, 'data', 'items', 'results']) {
    const v = body[name]
    if (Array.isArray(v)) return v
    if (isRec(v)) {
      const inner = unwrapList(v, ...names)
      if (inner.length > 0) return inner
    }
  }
  return []
}

/** `{data: {...}}` → `{...}`; a bare object stays as it is. */
export function unwrapOne(body: unknown): Rec {
  if (isRec(body) && isRec(body.data) && Object.keys(body).length <= 2) return body.data
  return isRec(body) ? body : {}
}

export const str = (v: unknown): string | null => (typeof v === 'string' ? v : null)
export const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null)

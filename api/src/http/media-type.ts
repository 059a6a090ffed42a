import { ApiError } from '../errors.js'

export type BodyKind = 'json' | 'ndjson'

const ESSENCE: Record<BodyKind, RegExp> = {
  // application/json and the structured +json types (RFC 6839), any case.
  json: /^application\/([a-z0-9.+-]+\+)?json$/i,
  ndjson: /^application\/(x-)?ndjson$/i,
}

/** Whether a Content-Type names JSON, whatever its parameters. */
export function declaresJson(type: string | null | undefined): boolean {
  return ESSENCE.json.test(type?.split(';')[0]?.trim() ?? '')
}

const NAMES: Record<BodyKind, string> = { json: 'application/json', ndjson: 'application/x-ndjson' }

/**
 * The kind of body a request declares, out of `accepts`, or 415: a body is read as UTF-8 text
 * (orders.md: "JSON, UTF-8"), so a declared charset other than UTF-8, or a content coding
 * (`Content-Encoding: gzip`), would be misread rather than refused.
 */
export function declaredBody(headers: Headers, accepts: readonly BodyKind[]): BodyKind {
  const coding = headers.get('content-encoding')?.trim().toLowerCase()
  if (coding && coding !== 'identity')
    throw new ApiError(
      'unsupported_media_type',
      `Content-Encoding ${coding} is not accepted: send the body uncompressed`,
    )
  // Transfer codings beside the chunked framing Node removes (`gzip, chunked`) reach us encoded.
  const transfer = headers.get('transfer-encoding')
  if (transfer?.split(',').some((c) => c.trim().toLowerCase() !== 'chunked'))
    throw new ApiError(
      'unsupported_media_type',
      `Transfer-Encoding ${transfer.trim().toLowerCase()} is not accepted: send the body uncompressed`,
    )
  const [essence = '', ...params] = (headers.get('content-type') ?? '').split(';').map((p) => p.trim())
  const kind = accepts.find((k) => ESSENCE[k].test(essence))
  if (!kind)
    throw new ApiError(
      'unsupported_media_type',
      `request body must be ${accepts.map((k) => NAMES[k]).join(' or ')}`,
    )
  for (const param of params) {
    const [name, value = ''] = param.split('=').map((s) => s.trim())
    if (name?.toLowerCase() !== 'charset') continue
    const charset = value.replace(/^"(.*)"$/, '$1').toLowerCase()
    if (charset !== 'utf-8' && charset !== 'utf8')
      throw new ApiError(
        'unsupported_media_type',
        `charset ${charset || '(empty)'} is not accepted: bodies are UTF-8`,
      )
  }
  return kind
}

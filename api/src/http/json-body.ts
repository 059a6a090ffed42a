import { bodyLimit } from 'hono/body-limit'
import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../context.js'
import { ApiError } from '../errors.js'

export const JSON_BODY_LIMIT = 1024 * 1024

const JSON_TYPE = /^application\/([a-z0-9.+-]+\+)?json\s*(;.*)?$/i
const WITH_BODY = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/**
 * Paths whose bodies are not (only) JSON and are streamed by their own routes: NDJSON import and
 * catalog upload. They get neither the 1 MiB limit nor the JSON checks.
 */
export const STREAMED_PATHS = /^\/v1\/clients\/[^/]+\/(orders\/import|catalog)\/?$/

function hasBody(headers: Headers): boolean {
  const length = headers.get('content-length')
  if (length !== null) return Number(length) > 0
  return headers.has('transfer-encoding')
}

const limit = bodyLimit({
  maxSize: JSON_BODY_LIMIT,
  onError: () => {
    throw new ApiError('payload_too_large', 'request body is larger than 1 MiB')
  },
})

/**
 * Every JSON endpoint answers the same way to a bad body: over 1 MiB → 413, a body that is not
 * declared JSON → 415, JSON that does not parse → 400 `malformed_json`. Parsing here also warms
 * Hono's body cache, so zValidator and handlers read the parsed value without a second parse.
 */
export const jsonBodies = createMiddleware<AppEnv>(async (c, next) => {
  if (!WITH_BODY.has(c.req.method) || STREAMED_PATHS.test(c.req.path)) return next()
  return limit(c, async () => {
    const type = c.req.header('content-type')
    if (!hasBody(c.req.raw.headers) && !type) return next()
    if (!type || !JSON_TYPE.test(type)) {
      throw new ApiError('unsupported_media_type', 'request body must be application/json')
    }
    try {
      await c.req.json()
    } catch (error) {
      if (error instanceof ApiError) throw error
      throw new ApiError('malformed_json', 'request body is not valid JSON')
    }
    await next()
  })
})

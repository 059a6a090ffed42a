import type { MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { ApiError, bodyCutOff } from '../errors.js'

export const ONE_MIB = 1024 * 1024

/**
 * 413 in the error envelope once a buffered body exceeds `maxBytes` (declared Content-Length or
 * counted while reading a chunked body). For routes that buffer a non-JSON body themselves (the
 * catalog accepts NDJSON); JSON routes get the same 1 MiB limit from http/json-body.ts, and the
 * order import streams and has no limit.
 */
export function limitBody(maxBytes = ONE_MIB): MiddlewareHandler {
  const limit = bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new ApiError('payload_too_large', `request body is larger than ${formatBytes(maxBytes)}`)
    },
  })
  return async (c, next) => {
    let read = false
    try {
      await limit(c, () => {
        read = true
        return next()
      })
    } catch (error) {
      // bodyLimit reads a chunked body whole before `next`: a read that fails there is the body
      // cut off by the client, which fails with the socket's error.
      if (read || error instanceof ApiError) throw error
      throw bodyCutOff()
    }
  }
}

function formatBytes(bytes: number): string {
  return bytes % ONE_MIB === 0 ? `${bytes / ONE_MIB} MiB` : `${bytes} bytes`
}

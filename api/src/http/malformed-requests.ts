import { randomUUID } from 'node:crypto'
import { type Server, STATUS_CODES } from 'node:http'
import type { Duplex } from 'node:stream'
import type { ServerType } from '@hono/node-server'
import { codeToStatus, type ErrorCode } from '../errors.js'

/** What Node's HTTP parser refuses before the app sees a request, as envelope code and message. */
function answerFor(error: Error & { code?: string }): [ErrorCode, string] {
  if (error.code === 'HPE_HEADER_OVERFLOW')
    return ['headers_too_large', 'the request line and headers exceed 16 KiB']
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT')
    return ['request_timeout', 'the request was not received in time']
  return ['bad_request', 'the request is not well-formed HTTP/1.1']
}

/**
 * Node answers a request its parser refuses (headers over 16 KiB, a `Content-Length` that is not a
 * number, both `Content-Length` and `Transfer-Encoding`) itself, with an empty body. api.md wants the
 * one error envelope for every error, so such requests get it here, and the connection is closed
 * (what follows on it cannot be framed).
 */
export function answerMalformedRequests(server: ServerType): void {
  ;(server as Server).on('clientError', (error: Error & { code?: string }, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy()
      return
    }
    const [code, message] = answerFor(error)
    const status = codeToStatus(code)
    const requestId = randomUUID()
    const body = JSON.stringify({ error: { code, message, requestId } })
    socket.end(
      [
        `HTTP/1.1 ${status} ${STATUS_CODES[status]}`,
        'Content-Type: application/json',
        `Content-Length: ${Buffer.byteLength(body)}`,
        `X-Request-Id: ${requestId}`,
        'Connection: close',
        '',
        body,
      ].join('\r\n'),
    )
  })
}

import { randomUUID } from 'node:crypto'
import type { Server } from 'node:http'
import type { Duplex } from 'node:stream'
import type { ServerType } from '@hono/node-server'

/** What Node's HTTP parser refuses before the app sees a request, as status and envelope code. */
function answerFor(error: Error & { code?: string }): [number, string, string, string] {
  if (error.code === 'HPE_HEADER_OVERFLOW')
    return [
      431,
      'Request Header Fields Too Large',
      'headers_too_large',
      'the request line and headers exceed 16 KiB',
    ]
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT')
    return [408, 'Request Timeout', 'request_timeout', 'the request was not received in time']
  return [400, 'Bad Request', 'bad_request', 'the request is not well-formed HTTP/1.1']
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
    const [status, reason, code, message] = answerFor(error)
    const requestId = randomUUID()
    const body = JSON.stringify({ error: { code, message, requestId } })
    socket.end(
      [
        `HTTP/1.1 ${status} ${reason}`,
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

import { randomUUID } from 'node:crypto'
import { type ServerResponse, STATUS_CODES } from 'node:http'
import type { Duplex } from 'node:stream'
import { codeToStatus, type ErrorCode } from '../errors.js'

/** What Node's HTTP parser refuses before the app sees a request, as envelope code and message. */
function answerFor(error: Error & { code?: string }): [ErrorCode, string] {
  if (error.code === 'HPE_HEADER_OVERFLOW')
    return ['headers_too_large', 'the request line and headers exceed 16 KiB']
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT')
    return ['request_timeout', 'the request was not received in time']
  return ['bad_request', 'the request is not well-formed HTTP/1.1']
}

/** The envelope of api.md for an error raised outside the app (no app request id exists yet). */
function envelope(code: ErrorCode, message: string) {
  const requestId = randomUUID()
  return {
    status: codeToStatus(code),
    requestId,
    body: JSON.stringify({ error: { code, message, requestId } }),
  }
}

/** A whole HTTP/1.1 answer that closes the connection, for a socket no ServerResponse owns. */
export function rawEnvelope(code: ErrorCode, message: string): string {
  const { status, requestId, body } = envelope(code, message)
  return [
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}`,
    'Content-Type: application/json',
    `Content-Length: ${Buffer.byteLength(body)}`,
    `X-Request-Id: ${requestId}`,
    'Connection: close',
    '',
    body,
  ].join('\r\n')
}

/** The envelope as a fetch Response (the adapter's hook for requests it cannot build). */
export function envelopeResponse(code: ErrorCode, message: string): Response {
  const { status, requestId, body } = envelope(code, message)
  return new Response(body, {
    status,
    headers: { 'Content-Type': 'application/json', 'X-Request-Id': requestId, Connection: 'close' },
  })
}

/** The envelope written on a node:http response (Node's own answers, e.g. to `Expect`). */
export function writeEnvelope(response: ServerResponse, code: ErrorCode, message: string): void {
  const { status, requestId, body } = envelope(code, message)
  response.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(body),
    'X-Request-Id': requestId,
  })
  response.end(body)
}

/**
 * Node answers a request its parser refuses (headers over 16 KiB, a `Content-Length` that is not a
 * number, both `Content-Length` and `Transfer-Encoding`) itself, with an empty body. api.md wants the
 * one error envelope for every error, so such requests get it here (the server's `clientError`
 * handler), and the connection is closed (what follows on it cannot be framed).
 */
export function malformedRequestAnswer(error: Error & { code?: string }, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy()
    return
  }
  socket.end(rawEnvelope(...answerFor(error)))
}

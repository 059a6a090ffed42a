import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { Duplex } from 'node:stream'
import { getRequestListener, RequestError } from '@hono/node-server'
import { envelopeResponse, malformedRequestAnswer, rawEnvelope, writeEnvelope } from './malformed-requests.js'

export interface ServeOptions {
  fetch: (request: Request) => Response | Promise<Response>
  port: number
  hostname?: string | undefined
}

/**
 * The API's HTTP server: @hono/node-server's request listener on a node:http server, with every
 * answer that Node or the adapter would give by themselves (an empty 400, 417 or 500) given in the
 * one error envelope of api.md instead:
 * - a request the adapter cannot turn into a URL (no `Host` header, an invalid one, a backslash in
 *   the path) — `serve()` offers no hook for this, hence the listener built here;
 * - a request Node's parser refuses (malformed-requests.ts);
 * - an `Expect` other than `100-continue` (417) and `CONNECT` (405), which Node answers with an
 *   empty body or not at all.
 * Node's own check for a missing `Host` is off so that the adapter's, which answers through the
 * hook, applies to every HTTP version.
 */
export function serveApi(options: ServeOptions, onListening?: (port: number) => void): Server {
  const listener = getRequestListener(options.fetch, {
    // The adapter's RequestError: a request it cannot build (400); anything else thrown before the
    // app answers is ours (500), as the adapter itself would answer them.
    errorHandler: (error) =>
      error instanceof RequestError
        ? envelopeResponse('bad_request', 'the request has no valid Host header or target')
        : envelopeResponse('internal_error', 'internal error'),
  })
  const server = createServer({ requireHostHeader: false }, listener)
  server.on('clientError', (error: Error & { code?: string }, socket: Duplex) =>
    malformedRequestAnswer(error, socket),
  )
  server.on('checkExpectation', (_request: IncomingMessage, response: ServerResponse) => {
    writeEnvelope(response, 'expectation_failed', 'only "Expect: 100-continue" is supported')
  })
  server.on('connect', (_request: IncomingMessage, socket: Duplex) => {
    if (socket.writable) socket.end(rawEnvelope('method_not_allowed', 'CONNECT is not supported'))
    else socket.destroy()
  })
  server.listen(options.port, options.hostname, () => {
    const address = server.address()
    onListening?.(typeof address === 'object' && address ? address.port : options.port)
  })
  return server
}

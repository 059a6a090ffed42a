import { connect } from 'node:net'
import { describe, expect, it } from 'vitest'
import { useHarness } from '../support/harness.js'
import { useHttpServer } from '../support/http-server.js'

// api.md: "One envelope for every error" — also for what Node's HTTP parser refuses before the app
// sees a request, which Node would answer with an empty body.
const h = useHarness()

describe('requests HTTP itself cannot parse', () => {
  const server = useHttpServer(h)

  /** Sends `head` (and nothing else) on a fresh connection; answers what came back until it closed. */
  const raw = (head: string) =>
    new Promise<{ status: number; headers: string; body: string }>((resolve, reject) => {
      const socket = connect(server.port, '127.0.0.1')
      let answer = ''
      socket.on('data', (chunk) => {
        answer += chunk.toString('utf8')
      })
      socket.on('end', () => {
        const [headers = '', body = ''] = answer.split('\r\n\r\n')
        resolve({ status: Number(headers.split(' ')[1]), headers: headers.toLowerCase(), body })
      })
      socket.on('error', reject)
      socket.write(head)
    })

  const auth = `authorization: Bearer ${'x'.repeat(10)}`

  it.each([
    [
      'headers over 16 KiB',
      `GET /v1/clients?orderId=${'x'.repeat(20_000)} HTTP/1.1\r\nhost: a\r\n${auth}\r\n\r\n`,
      431,
      'headers_too_large',
    ],
    [
      'a Content-Length that is not a number',
      'POST /v1/clients HTTP/1.1\r\nhost: a\r\ncontent-length: abc\r\n\r\n',
      400,
      'bad_request',
    ],
    [
      'both Content-Length and Transfer-Encoding',
      'POST /v1/clients HTTP/1.1\r\nhost: a\r\ncontent-length: 2\r\ntransfer-encoding: chunked\r\n\r\n0\r\n\r\n',
      400,
      'bad_request',
    ],
    ['a request line that is not HTTP', 'HELLO\r\n\r\n', 400, 'bad_request'],
    // What the adapter cannot turn into a URL (it would answer an empty 400).
    ['an HTTP/1.1 request without Host', `GET /v1/clients HTTP/1.1\r\n${auth}\r\n\r\n`, 400, 'bad_request'],
    ['an invalid Host', `GET /v1/clients HTTP/1.1\r\nhost: a/b@c\r\n${auth}\r\n\r\n`, 400, 'bad_request'],
    [
      'a backslash in the path',
      `GET /v1\\clients HTTP/1.1\r\nhost: a\r\n${auth}\r\n\r\n`,
      400,
      'bad_request',
    ],
    // What Node answers itself: an empty 417, and no answer at all to CONNECT.
    [
      'an Expect other than 100-continue',
      `GET /v1/clients HTTP/1.1\r\nhost: a\r\nexpect: foo\r\nconnection: close\r\n${auth}\r\n\r\n`,
      417,
      'expectation_failed',
    ],
    [
      'CONNECT',
      'CONNECT example.com:443 HTTP/1.1\r\nhost: example.com:443\r\n\r\n',
      405,
      'method_not_allowed',
    ],
  ])('answers %s in the error envelope and closes', async (_, head, status, code) => {
    const res = await raw(head)
    expect(res.status).toBe(status)
    expect(res.headers).toContain('content-type: application/json')
    expect(res.headers).toContain('connection: close')
    const body = JSON.parse(res.body)
    expect(body.error.code).toBe(code)
    expect(typeof body.error.message).toBe('string')
    expect(res.headers).toContain(`x-request-id: ${body.error.requestId}`)
  })

  it('still serves well-formed requests', async () => {
    const res = await raw('GET /healthz HTTP/1.1\r\nhost: a\r\nconnection: close\r\n\r\n')
    expect(res.status).toBe(200)
  })
})

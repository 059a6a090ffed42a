import { describe, expect, it, vi } from 'vitest'
import { ApiError, parseErrorBody } from '../../studio/src/api/api-error.js'
import { buildUrl, createApiClient, describeError } from '../../studio/src/api/client.js'

describe('parseErrorBody', () => {
  it('reads code, message, issues and requestId from the envelope', () => {
    const body = JSON.stringify({
      error: {
        code: 'invalid_policy',
        message: 'The policy is not valid',
        issues: [
          { path: 'rules.0.event.type', message: 'Unknown event type' },
          { path: ['a', 1], message: 'b' },
        ],
        requestId: 'req_1',
      },
    })
    const err = parseErrorBody(422, body)
    expect(err).toBeInstanceOf(ApiError)
    expect(err).toMatchObject({
      status: 422,
      code: 'invalid_policy',
      message: 'The policy is not valid',
      requestId: 'req_1',
    })
    expect(err.issues).toEqual([
      { path: 'rules.0.event.type', message: 'Unknown event type' },
      { path: 'a.1', message: 'b' },
    ])
  })

  it('keeps a readable message when the body is not the envelope', () => {
    const err = parseErrorBody(502, '<html>Bad gateway</html>')
    expect(err.code).toBe('http_502')
    expect(err.message).toContain('Bad gateway')
    expect(parseErrorBody(500, '').message).toBe('HTTP 500')
  })
})

describe('describeError', () => {
  it.each([
    [401, 'Your API key was not accepted'],
    [403, 'Your role does not allow'],
    [404, 'Not found'],
    [503, 'safe to retry'],
  ])('explains %i in plain words', (status, words) => {
    const d = describeError(new ApiError(status, 'x', 'detail here'))
    expect(d.title).toContain(words)
    expect(d.detail).toBe('detail here')
  })

  it('explains a network failure', () => {
    expect(describeError(new TypeError('Failed to fetch')).title).toContain('could not be reached')
  })
})

describe('createApiClient', () => {
  it('sends the bearer key and JSON body, and throws ApiError with onUnauthorized on 401', async () => {
    const calls: [string, RequestInit][] = []
    const fetchImpl = vi.fn(async (url: string | URL | Request, init?: RequestInit) => {
      calls.push([String(url), init!])
      return new Response(
        JSON.stringify({ error: { code: 'unauthorized', message: 'bad key', requestId: 'r' } }),
        {
          status: 401,
        },
      )
    }) as unknown as typeof fetch
    const onUnauthorized = vi.fn()
    const api = createApiClient({ getKey: () => 'k123', fetchImpl, onUnauthorized })
    await expect(api.post('/v1/x', { a: 1 })).rejects.toMatchObject({ status: 401, code: 'unauthorized' })
    expect(onUnauthorized).toHaveBeenCalledOnce()
    const [url, init] = calls[0]!
    expect(url).toBe('/v1/x')
    expect((init.headers as Record<string, string>).authorization).toBe('Bearer k123')
    expect(init.body).toBe('{"a":1}')
  })

  it('builds query strings without empty parameters', () => {
    expect(buildUrl('', '/v1/d', { outcome: 'review', ruleId: '', limit: 20, cursor: undefined })).toBe(
      '/v1/d?outcome=review&limit=20',
    )
  })
})

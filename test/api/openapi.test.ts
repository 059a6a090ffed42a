import { describe, expect, it } from 'vitest'
import { CatalogUpsertBody } from '../../api/src/catalog/catalog.schemas.js'
import { PutListBody } from '../../api/src/lists/lists.schemas.js'
import { useHarness } from '../support/harness.js'
import { readShared } from '../support/shared.js'

const h = useHarness()

/** Every `METHOD /path` written in the first column of api.md's endpoint table. */
function apiMdEndpoints(): { method: string; path: string }[] {
  const text = readShared('product/api.md')
  const table = text.slice(text.indexOf('## Endpoints'), text.indexOf('## The decision'))
  const out: { method: string; path: string }[] = []
  for (const row of table.split('\n').filter((l) => l.startsWith('| `'))) {
    const firstCell = row.split('|')[1] ?? ''
    for (const m of firstCell.matchAll(/`(GET|POST|PUT|DELETE|PATCH) ([^`\s?]+)/g)) {
      out.push({ method: (m[1] as string).toLowerCase(), path: m[2] as string })
    }
  }
  return out
}

async function document() {
  const res = await h.request('GET', '/openapi.json')
  expect(res.status).toBe(200)
  return res.body
}

describe('GET /openapi.json', () => {
  it('is an OpenAPI 3.1 document with a bearer scheme and the error envelope', async () => {
    const doc = await document()
    expect(doc.openapi).toBe('3.1.0')
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' })
    expect(doc.components.schemas.ErrorEnvelope.properties.error.required).toEqual(
      expect.arrayContaining(['code', 'message', 'requestId']),
    )
  })

  const endpoints = apiMdEndpoints()
  it('finds the endpoint table in api.md', () => {
    expect(endpoints.length).toBeGreaterThanOrEqual(15)
  })

  it.each(endpoints)('documents $method $path from api.md', async ({ method, path }) => {
    const doc = await document()
    expect(Object.keys(doc.paths)).toContain(path)
    expect(doc.paths[path][method], `${method} ${path}`).toBeDefined()
  })

  it.each([
    ['put', '/v1/clients/{clientId}/catalog'],
    ['get', '/v1/clients/{clientId}/catalog/{sku}'],
    ['get', '/v1/clients/{clientId}/lists'],
    ['put', '/v1/clients/{clientId}/lists/{name}'],
    ['post', '/v1/clients/{clientId}/lists/{name}/items'],
    ['delete', '/v1/clients/{clientId}/lists/{name}/items/{value}'],
    ['get', '/healthz'],
    ['get', '/readyz'],
    ['get', '/metrics'],
  ])('documents %s %s', async (method, path) => {
    expect((await document()).paths[path]?.[method]).toBeDefined()
  })

  it('describes request bodies with the same zod schemas the routes validate with', async () => {
    const doc = await document()
    const strip = (s: Record<string, unknown>) => {
      const { $schema: _, ...rest } = s
      return rest
    }
    const catalog = doc.paths['/v1/clients/{clientId}/catalog'].put.requestBody.content
    expect(catalog['application/json'].schema).toEqual(
      strip(CatalogUpsertBody.toJSONSchema({ io: 'input', unrepresentable: 'any' })),
    )
    expect(catalog['application/x-ndjson']['x-line-schema'].required).toEqual(
      expect.arrayContaining(['sku', 'price', 'currency', 'stock']),
    )
    const list = doc.paths['/v1/clients/{clientId}/lists/{name}'].put.requestBody.content['application/json']
    expect(list.schema).toEqual(strip(PutListBody.toJSONSchema({ io: 'input', unrepresentable: 'any' })))
    const evaluate =
      doc.paths['/v1/clients/{clientId}/orders/evaluate'].post.requestBody.content['application/json']
    expect(evaluate.schema.required).toEqual(
      expect.arrayContaining(['id', 'createdAt', 'currency', 'items', 'total']),
    )
    // The codes the server accepts, not any three or two capitals: a generated client refuses `ABC`
    // and `ZZ` before sending them, as the server would.
    const currencies: string[] = evaluate.schema.properties.currency.enum
    expect(currencies).toEqual(expect.arrayContaining(['USD', 'JPY', 'KWD']))
    expect(currencies).not.toContain('ABC')
    const countries: string[] = evaluate.schema.properties.shippingAddress.properties.country.enum
    expect(countries).toEqual(expect.arrayContaining(['US', 'DE', 'GB']))
    expect(countries).not.toContain('ZZ')
  })

  it('declares path parameters and the error answers of protected routes', async () => {
    const op = (await document()).paths['/v1/clients/{clientId}/lists/{name}'].put
    expect(
      op.parameters.filter((p: { in: string }) => p.in === 'path').map((p: { name: string }) => p.name),
    ).toEqual(['clientId', 'name'])
    expect(Object.keys(op.responses)).toEqual(
      expect.arrayContaining(['200', '201', '401', '403', '404', '422']),
    )
    expect(op.responses['403'].content['application/json'].schema.$ref).toBe(
      '#/components/schemas/ErrorEnvelope',
    )
  })

  it('declares exactly one path parameter for every template of every path (OpenAPI 3.1)', async () => {
    const doc = await document()
    const missing: string[] = []
    for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, any>>)) {
      const templates = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort()
      for (const [method, op] of Object.entries(ops)) {
        const declared = (op.parameters ?? [])
          .filter((p: { in: string }) => p.in === 'path')
          .map((p: { name: string }) => p.name)
          .sort()
        if (JSON.stringify(declared) !== JSON.stringify(templates)) missing.push(`${method} ${path}`)
      }
    }
    expect(missing).toEqual([])
  })

  it('lists the body errors every route with a body can answer', async () => {
    const paths = (await document()).paths
    const statuses = (path: string, method: string) => Object.keys(paths[path][method].responses)
    for (const [path, method] of [
      ['/v1/clients/{clientId}/orders/evaluate', 'post'],
      ['/v1/clients/{clientId}/orders/{orderId}', 'put'],
      ['/v1/clients/{clientId}/orders/{orderId}/cancel', 'post'],
    ] as const) {
      expect(statuses(path, method), `${method} ${path}`).toEqual(
        expect.arrayContaining(['400', '413', '415', '422']),
      )
    }
    expect(statuses('/v1/clients/{clientId}/orders/{orderId}/cancel', 'post')).toContain('409')
    // The NDJSON import has no size limit.
    expect(statuses('/v1/clients/{clientId}/orders/import', 'post')).toContain('415')
    expect(statuses('/v1/clients/{clientId}/orders/import', 'post')).not.toContain('413')
  })

  it('gives every operation a unique operationId', async () => {
    const doc = await document()
    const ids = Object.values(doc.paths).flatMap((ops) =>
      Object.values(ops as object).map((o) => o.operationId),
    )
    expect(new Set(ids).size).toBe(ids.length)
  })
})

describe('GET /docs', () => {
  it('serves a reference page that loads only local assets', async () => {
    const res = await h.request('GET', '/docs')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/text\/html/)
    const urls = [
      ...res.text.matchAll(/(?:src|href)\s*=\s*["']([^"']+)["']|(?:url|cdn)["']?\s*:\s*["']([^"']+)["']/g),
    ].map((m) => m[1] ?? m[2])
    expect(urls.length).toBeGreaterThan(0)
    for (const url of urls) expect(url).toMatch(/^\/(?!\/)/)
    expect(res.text).not.toMatch(/https?:\/\/|\/\/cdn|jsdelivr|unpkg/)
  })

  it("turns off the page's features that call Scalar's servers (the AI agent, MCP, developer tools)", async () => {
    const page = (await h.request('GET', '/docs')).text.replace(/\s+/g, '')
    expect(page).toContain('"agent":{"disabled":true}')
    expect(page).toContain('"mcp":{"disabled":true}')
    expect(page).toContain('"showDeveloperTools":"never"')
    expect(page).toContain('"hideClientButton":true')
  })

  it('serves the Scalar bundle it references from the installed package', async () => {
    const page = await h.request('GET', '/docs')
    const src = page.text.match(/<script src="([^"]+)"/)?.[1]
    expect(src).toBeDefined()
    const bundle = await h.app.request(src as string)
    expect(bundle.status).toBe(200)
    expect(bundle.headers.get('content-type')).toMatch(/javascript/)
    const text = await bundle.text()
    expect(text.length).toBeGreaterThan(1_000_000)
    expect(text).toContain('createApiReference')
  })
})

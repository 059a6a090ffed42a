import type { z } from 'zod'

/**
 * A small route registry: route modules describe each endpoint with the SAME zod schemas they pass
 * to zValidator, and the OpenAPI document is generated from it (openapi-document.ts). Keeping the
 * description next to the route means a new endpoint cannot be validated by one schema and
 * documented by another.
 */
export type HttpMethod = 'get' | 'post' | 'put' | 'delete' | 'patch'
export type Role = 'admin' | 'integrator' | 'analyst' | 'publisher' | 'auditor'

export interface BodyDoc {
  /** The application/json body. */
  schema?: z.ZodType
  /** For bodies also (or only) accepted as application/x-ndjson: the schema of ONE line. */
  ndjsonLine?: z.ZodType
  description?: string
  /** The body may be left out (its fields take their defaults). */
  optional?: boolean
}

export interface ResponseDoc {
  description: string
  schema?: z.ZodType
  contentType?: string
}

export interface RouteDoc {
  method: HttpMethod
  /** Hono-style path (`/v1/clients/:clientId/catalog/:sku`). */
  path: string
  summary: string
  description?: string
  tag: string
  /** Roles allowed; `'any'` = any key scoped to the client; `'public'` = no key needed. */
  roles: Role[] | 'any' | 'public'
  params?: z.ZodObject
  query?: z.ZodObject
  body?: BodyDoc
  /** Success responses; the error responses are added from `errors`. */
  responses: Record<number, ResponseDoc>
  /** Error statuses this route can answer beyond the auth ones implied by `roles`. */
  errors?: number[]
  /** Accepts an Idempotency-Key header (every POST does). */
  idempotent?: boolean
}

export class RouteRegistry {
  private readonly byKey = new Map<string, RouteDoc>()
  private readonly hidden = new Set<string>()

  /** Registers (or replaces) the description of one method + path. */
  register(doc: RouteDoc): void {
    this.byKey.set(`${doc.method} ${doc.path}`, doc)
  }

  routes(): RouteDoc[] {
    return [...this.byKey.values()]
  }

  /** Keeps a mounted route that is not an API operation (an asset of the reference page) out of the document. */
  hide(method: HttpMethod, path: string): void {
    this.hidden.add(`${method} ${path}`)
  }

  isHidden(method: string, path: string): boolean {
    return this.hidden.has(`${method} ${path}`)
  }
}

/** The process-wide registry that route modules register into at import time. */
export const routeRegistry = new RouteRegistry()

/** Registers a route's description in the process-wide registry; returns it for reuse. */
export function describeRoute(doc: RouteDoc): RouteDoc {
  routeRegistry.register(doc)
  return doc
}

/** `/v1/clients/:clientId` → `/v1/clients/{clientId}` */
export function toOpenApiPath(honoPath: string): string {
  return honoPath.replace(/:([A-Za-z0-9_]+)(\{[^}]*\})?/g, '{$1}')
}

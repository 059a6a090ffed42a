import { createHash } from 'node:crypto'
import type { Context } from 'hono'
import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../context.js'
import { findPan } from '../engine.js'
import { ApiError, panDetected } from '../errors.js'
import { hasBodyError, isStreamedBody, parsedJsonBody } from '../http/json-body.js'
import { canonicalJson } from '../lib/checksum.js'
import {
  claimKey,
  completeKey,
  findKey,
  type IdempotencyScope,
  refreshClaim,
  releaseKey,
} from './idempotency.repository.js'

const HEADER = 'idempotency-key'
const MAX_KEY = 255
/**
 * An 'in_progress' claim not refreshed for this long belongs to a dead process (killed, crashed) and
 * may be taken over. Its owner refreshes it every HEARTBEAT_MS while it runs, so a long import keeps
 * its claim however long it takes.
 */
const STALE_SECONDS = 15
const HEARTBEAT_MS = 5_000
/**
 * How long a retry waits for a concurrent first execution before answering 409: longer than a claim
 * takes to go stale, so the retry of a request whose process died takes it over and executes.
 */
const WAIT_MS = 20_000
const POLL_MS = 20
const MAX_POLL_MS = 250

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * `Idempotency-Key` for every POST (api.md "Idempotency"): the first request with a key
 * executes and its 2xx answer is stored; a retry with the same key and the same request (method,
 * path, and a body equal as JSON — see `bodyFingerprint`) gets that answer again with
 * `Idempotent-Replayed: true`; the same key with a different request is refused
 * (`idempotency_key_reused`); a retry arriving while the first is still running waits for it, so
 * concurrent duplicates execute once. Failed requests (non-2xx) are forgotten: our POSTs are
 * transactional, so a failure changed nothing and may be retried.
 *
 * Keys are scoped to (client, API key), so two integrators cannot collide. The NDJSON import is
 * streamed and unbounded, so its body cannot be read before it executes: the first execution
 * hashes the bytes as the import reads them and stores that fingerprint with its answer; a retry
 * reads (hashes) its own body only once that answer is stored.
 */
export const idempotency = createMiddleware<AppEnv>(async (c, next) => {
  const key = c.req.header(HEADER)
  // A body refused by jsonBodies (413, 415, 400, 422) is answered by the route's guard, unread and
  // unrecorded: its retry is refused the same way.
  if (c.req.method !== 'POST' || key === undefined || hasBodyError(c)) return next()
  if (key.length === 0 || key.length > MAX_KEY) {
    throw new ApiError('validation_failed', 'invalid Idempotency-Key', [
      { path: 'Idempotency-Key', message: `must be 1–${MAX_KEY} characters` },
    ])
  }
  // The key is stored: a card number in it is refused like one in a body (orders.md).
  if (findPan(key) !== null) throw panDetected('Idempotency-Key')
  const db = c.get('deps').db
  // A POST outside any client (creating one) keeps its keys under client '' (no client has it).
  const scope: IdempotencyScope = {
    clientId: c.get('client')?.id ?? '',
    apiKeyId: c.get('principal').keyId,
    key,
  }
  const streamed = isStreamedBody(c)
  const hash = streamed ? null : requestHash(c, await bodyFingerprint(c))

  const deadline = Date.now() + WAIT_MS
  for (let attempt = 0; ; attempt++) {
    if (await claimKey(db, scope, hash ?? STREAM_PENDING, STALE_SECONDS)) break
    const existing = await findKey(db, scope)
    if (existing) {
      if (hash !== null && existing.request_hash !== hash) throw keyReused()
      if (existing.status === 'done') {
        if (hash === null && existing.request_hash !== (await streamedRequestHash(c))) throw keyReused()
        c.header('Idempotent-Replayed', 'true')
        const status = (existing.response_status ?? 200) as 200
        return existing.response_body === null
          ? c.body(null, status)
          : c.json(existing.response_body as object, status)
      }
      if (Date.now() > deadline) {
        throw new ApiError(
          'idempotency_key_in_use',
          'a request with this Idempotency-Key is still being processed',
        )
      }
      await sleep(Math.min(POLL_MS * 2 ** attempt, MAX_POLL_MS))
    }
    // No row: the first execution failed and released the key; claim it again.
  }

  const streamHash = streamed ? hashWhileRead(c) : null
  const heartbeat = setInterval(() => {
    refreshClaim(db, scope).catch(() => {})
  }, HEARTBEAT_MS)
  try {
    try {
      await next()
    } catch (error) {
      await releaseKey(db, scope)
      throw error
    }
    const res = c.res
    if (res.status >= 200 && res.status < 300) {
      const isJson = res.headers.get('content-type')?.includes('json')
      const body = isJson ? withoutFields(await res.clone().json(), c.get('unstoredFields')) : null
      await completeKey(db, scope, res.status, body, streamHash?.() ?? hash ?? STREAM_PENDING)
    } else {
      await releaseKey(db, scope)
    }
  } finally {
    clearInterval(heartbeat)
  }
})

/** The request hash of a streamed request until its execution has read the whole body. */
const STREAM_PENDING = 'pending'

const keyReused = () =>
  new ApiError('idempotency_key_reused', 'this Idempotency-Key was used for a different request')

function requestHash(c: Context<AppEnv>, body: Uint8Array | string): string {
  return createHash('sha256').update(`${c.req.method} ${c.req.path}\n`).update(body).digest('hex')
}

/**
 * Makes the route read the body through a hash; the returned function gives the request hash
 * once the route has read it all (a 2xx import has: it is all or nothing).
 */
function hashWhileRead(c: Context<AppEnv>): () => string {
  const hash = createHash('sha256').update(`${c.req.method} ${c.req.path}\n`)
  const body = c.req.raw.body
  if (body) {
    const hashed = body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          hash.update(chunk)
          controller.enqueue(chunk)
        },
      }),
    )
    c.req.raw = new Request(c.req.url, {
      method: c.req.method,
      headers: c.req.raw.headers,
      body: hashed,
      duplex: 'half',
    } as RequestInit)
  }
  return () => hash.digest('hex')
}

/** The request hash of a streamed body, read chunk by chunk (memory stays bounded). */
async function streamedRequestHash(c: Context<AppEnv>): Promise<string> {
  const hash = createHash('sha256').update(`${c.req.method} ${c.req.path}\n`)
  const reader = c.req.raw.body?.getReader()
  if (reader) {
    for (let read = await reader.read(); !read.done; read = await reader.read()) hash.update(read.value)
  }
  return hash.digest('hex')
}

/**
 * A JSON body is compared as JSON (RFC 8785 canonical form: key order, number spelling and string
 * escapes do not matter), as evaluate compares orders: a retry re-serialised by the client is the
 * same request, and sending the header never makes a retry fail that would succeed without it.
 * Other bodies, and JSON that has no canonical form (a number beyond ±1.8e308), compare as bytes.
 */
async function bodyFingerprint(c: Context<AppEnv>): Promise<Uint8Array | string> {
  const parsed = parsedJsonBody(c)
  if (parsed) {
    try {
      return `json:${canonicalJson(parsed.value)}`
    } catch {
      // Not canonicalisable: fall through to the bytes.
    }
  }
  return new Uint8Array(await c.req.arrayBuffer())
}

/** The answer as it may be stored: the route's unstored fields (secrets) set to null. */
function withoutFields(body: unknown, fields: readonly string[] | undefined): unknown {
  if (!fields || body === null || typeof body !== 'object' || Array.isArray(body)) return body
  const stored: Record<string, unknown> = { ...(body as Record<string, unknown>) }
  for (const field of fields) if (field in stored) stored[field] = null
  return stored
}

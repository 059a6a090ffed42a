import { createMiddleware } from 'hono/factory'
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible'
import type { AppEnv } from '../context.js'
import { ApiError } from '../errors.js'

/** Requests per API key per minute unless RATE_LIMIT_PER_MINUTE says otherwise (0: no limit). */
export const DEFAULT_RATE_LIMIT_PER_MINUTE = 60_000

export interface RateLimitOptions {
  /** Requests each API key may make per window; 0 turns the limit off. */
  points: number
  /** Window length in seconds (fixed windows, started by a key's first request). */
  windowSeconds?: number
}

/**
 * Limits each API key (the bootstrap admin key included) to `points` requests per window, counted in
 * this process. It runs after authentication: a request without a valid key is 401 and costs no
 * points, and one key's traffic never throttles another key, even of the same client. Every answer
 * carries RateLimit-Limit/-Remaining/-Reset; a refused one is 429 `rate_limited` with Retry-After.
 * With several API processes each counts alone (docs/api.md, "Rate limits").
 */
export function rateLimit(options: RateLimitOptions) {
  const windowSeconds = options.windowSeconds ?? 60
  const limiter =
    options.points > 0 ? new RateLimiterMemory({ points: options.points, duration: windowSeconds }) : null
  return createMiddleware<AppEnv>(async (c, next) => {
    if (!limiter) return next()
    let res: RateLimiterRes
    let refused = false
    try {
      res = await limiter.consume(c.get('principal').keyId)
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection
      res = rejection
      refused = true
    }
    const resetSeconds = Math.max(1, Math.ceil(res.msBeforeNext / 1000))
    c.header('RateLimit-Limit', String(options.points))
    c.header('RateLimit-Remaining', String(res.remainingPoints))
    c.header('RateLimit-Reset', String(resetSeconds))
    if (refused) {
      c.header('Retry-After', String(resetSeconds))
      throw new ApiError(
        'rate_limited',
        `this API key made more than ${options.points} requests in ${windowSeconds} s; retry in ${resetSeconds} s`,
      )
    }
    return next()
  })
}

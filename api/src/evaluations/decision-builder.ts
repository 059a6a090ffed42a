import { randomFillSync } from 'node:crypto'
import { monotonicFactory } from 'ulid'
import type { Decision } from '../decisions/decisions.schemas.js'
import type { EvaluationResult, Facts } from '../engine.js'

// ulid's default PRNG calls crypto.randomBytes(1) for each of a ULID's 16 random characters;
// drawing the same CSPRNG bytes from a pool costs one system call per 256 ULIDs instead.
const pool = new Uint8Array(4096)
let next = pool.length
function pooledRandom(): number {
  if (next === pool.length) {
    randomFillSync(pool)
    next = 0
  }
  return pool[next++]! / 256
}

const nextUlid = monotonicFactory(pooledRandom)

/** `dec_` + a ULID: sortable by time, random enough to be unguessable. */
export function newDecisionId(at: Date): string {
  return `dec_${nextUlid(at.getTime())}`
}

export function shippingOf(facts: Facts): Decision['shipping'] {
  const shipping = facts.shipping
  return { method: shipping.method, carrier: shipping.carrier, estimatedDelivery: shipping.estimatedDelivery }
}

/** The decision object of api.md, built from an evaluation (the same object is stored). */
export function buildDecision(input: {
  decisionId: string
  clientId: string
  orderId: string
  policyVersion: number
  result: EvaluationResult
  facts: Facts
  evaluatedAt: Date
}): Decision {
  return {
    decisionId: input.decisionId,
    clientId: input.clientId,
    orderId: input.orderId,
    outcome: input.result.outcome,
    score: input.result.score,
    policyVersion: input.policyVersion,
    reasons: input.result.reasons as unknown as Decision['reasons'],
    tags: input.result.tags,
    errors: input.result.errors,
    shipping: shippingOf(input.facts),
    evaluatedAt: input.evaluatedAt.toISOString(),
  }
}

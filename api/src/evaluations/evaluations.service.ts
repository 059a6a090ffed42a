import type { Kysely } from 'kysely'
import { forgetKey } from '../auth/key-cache.js'
import type { ClientContext } from '../context.js'
import type { Database } from '../db/tables.js'
import { decisionRowToDecision } from '../decisions/decision.mapper.js'
import { findDecision } from '../decisions/decisions.repository.js'
import type { Decision } from '../decisions/decisions.schemas.js'
import {
  cardKey,
  compactTrace,
  ENGINE_VERSION,
  evaluateOrder,
  normalizeEmail,
  normalizeIp,
  type Order,
} from '../engine.js'
import { ApiError, notFound } from '../errors.js'
import type { KeyedSerializer } from '../lib/keyed-serializer.js'
import { metrics } from '../observability/metrics.js'
import type { CachedPolicy, PolicyCache } from '../policies/policy-cache.js'
import { buildDecision, newDecisionId } from './decision-builder.js'
import {
  cancelOrder as cancelStoredOrder,
  type DecisionValues,
  findOrderState,
  type WriteMode,
  writeEvaluation,
} from './evaluations.repository.js'
import type { ListCache } from './list-cache.js'
import { newOrderWriter } from './new-order-writes.js'
import { orderKeys, parseOrderOrThrow } from './order-input.js'
import { type ExistingOrder, queryClientData, resolveClientData } from './postgres-provider.js'

export interface EvaluationDeps {
  db: Kysely<Database>
  policies: PolicyCache
  lists: ListCache
  now: () => Date
  /** Store the full rule trace with each decision (default: no; only its compact form, see below). */
  storeTrace?: boolean
  /**
   * Evaluations of orders that share a key of one client (order id, e-mail, IP, card), one after
   * another (see `queueKeysOf`); absent in callers that evaluate one order at a time.
   */
  orderQueue?: KeyedSerializer
}

/**
 * The order id, and the keys under which an order counts in another order's velocity and
 * isFirstOrder (policies.md, "Velocity"). Two orders in flight that share one are evaluated one
 * after the other, in arrival order, so the later one's read sees the earlier one stored: otherwise both would read before
 * either wrote (the same read batch, or two batches in flight) and neither would count the other,
 * and the stored decision would disagree with a replay of the same orders. Per API process: see
 * docs/architecture.md, "Concurrent orders of one customer".
 */
function queueKeysOf(clientId: string, order: Order): string[] {
  const keys: string[] = []
  const email = normalizeEmail(order.customer.email)
  const ip = normalizeIp(order.customer.ip)
  const card = cardKey(order.payment.card)
  // The order id too: modifications of one order race for its next revision number otherwise.
  keys.push(`${clientId}\no\n${order.id}`)
  if (email !== null) keys.push(`${clientId}\ne\n${email}`)
  if (ip !== null) keys.push(`${clientId}\ni\n${ip}`)
  if (card !== null) keys.push(`${clientId}\nc\n${card}`)
  return keys
}

function oneCustomerAtATime<T>(deps: EvaluationDeps, clientId: string, order: Order, task: () => Promise<T>) {
  return deps.orderQueue ? deps.orderQueue.run(queueKeysOf(clientId, order), task) : task()
}

const ms = (from: number) => Math.round((performance.now() - from) * 1000) / 1000

export async function livePolicy(deps: EvaluationDeps, client: ClientContext): Promise<CachedPolicy> {
  if (client.liveVersion === null)
    throw new ApiError('no_live_policy', 'the client has no live policy version')
  const policy = await deps.policies.get(deps.db, client.id, client.liveVersion)
  if (!policy) throw new Error(`live version ${client.liveVersion} of ${client.id} is missing`)
  return policy
}

async function storedDecision(deps: EvaluationDeps, clientId: string, decisionId: string): Promise<Decision> {
  const row = await findDecision(deps.db, clientId, decisionId)
  if (!row) throw new Error(`decision ${decisionId} vanished`)
  return decisionRowToDecision(row)
}

/**
 * Evaluates `order` (already parsed) against the client's live version, stores order, revision and
 * decision in one statement, and answers the decision only once it is stored. Two round trips: one
 * statement reads the data facts, the live version, the order id's stored state and the calling
 * key's validity; one writes. `decide` tells what the stored state of the order id means (new,
 * undecided, modification); when the write loses a race, the caller re-reads and answers.
 */
async function evaluateAndStore(
  deps: EvaluationDeps,
  input: { client: ClientContext; keyId: string | null; order: Order; body: unknown; started: number },
  decide: (existing: ExistingOrder | null, checksum: string) => WriteMode | { stored: string },
): Promise<{ decision: Decision } | { lost: true }> {
  const { client, order, body } = input
  const clientId = client.id
  const keys = orderKeys(order, body)
  const parseMs = ms(input.started)
  const dataStart = performance.now()
  const row = await queryClientData(deps.db, clientId, order, input.keyId)
  if (!row.key_valid) {
    if (input.keyId) forgetKey(input.keyId)
    throw new ApiError('unauthorized', 'missing or invalid API key')
  }
  // What the order id's stored state means comes first: a modification of an unknown order is
  // 404, and a repeat answers its stored decision, whatever the live version (or its absence).
  const mode = decide(row.existing, keys.checksum)
  if ('stored' in mode) return { decision: await storedDecision(deps, clientId, mode.stored) }
  const policy = await livePolicy(deps, { id: clientId, liveVersion: row.live_version })
  const { data } = await resolveClientData(deps.db, deps.lists, clientId, row, policy.compiled.needs)
  const dataMs = ms(dataStart)
  const evaluateStart = performance.now()
  // The full trace (~14 KB) is not stored: it is a pure function of the stored facts and the
  // immutable version. Its compact form is, and GET …/decisions/{id} recomputes and verifies it.
  const { result, facts } = evaluateOrder(policy.compiled, order, data, { trace: true })
  const traceCompact = compactTrace(result.trace ?? [])
  const evaluateMs = ms(evaluateStart)
  const evaluatedAt = deps.now()
  const decision = buildDecision({
    decisionId: newDecisionId(evaluatedAt),
    clientId,
    orderId: order.id,
    policyVersion: policy.version,
    result,
    facts,
    evaluatedAt,
  })
  const values: DecisionValues = {
    decisionId: decision.decisionId,
    policyVersion: policy.version,
    policyChecksum: policy.checksum,
    engineVersion: ENGINE_VERSION,
    outcome: result.outcome,
    score: result.score,
    reasons: result.reasons,
    tags: result.tags,
    errors: result.errors,
    ruleIds: [...new Set(result.reasons.map((reason) => reason.ruleId))],
    shipping: decision.shipping,
    facts,
    data: {
      listMatches: result.listMatches,
      velocity: data.velocity,
      isFirstOrder: data.isFirstOrder,
      catalog: data.catalog === null ? null : [...data.catalog.values()],
    },
    trace: deps.storeTrace === true ? (result.trace ?? null) : null,
    traceCompact,
    timings: { parseMs, dataMs, evaluateMs },
    evaluatedAt,
  }
  const written =
    mode.kind === 'new'
      ? await newOrderWriter(deps.db).write({ clientId, keys, decision: values })
      : (await writeEvaluation(deps.db, clientId, keys, values, mode)).written
  if (!written) return { lost: true }
  metrics.recordDecision(result.outcome, evaluateMs)
  return { decision }
}

/**
 * Evaluates and stores in the order's turn of the per-customer queue; a write that loses a race
 * (a twin stored first) re-reads and answers from what is stored, up to three times.
 */
function storeInTurn(
  deps: EvaluationDeps,
  input: Parameters<typeof evaluateAndStore>[1],
  decide: Parameters<typeof evaluateAndStore>[2],
  busy: 'written' | 'modified',
): Promise<Decision> {
  return oneCustomerAtATime(deps, input.client.id, input.order, async () => {
    for (let attempt = 0; attempt < 3; attempt++) {
      const outcome = await evaluateAndStore(deps, input, decide)
      if ('decision' in outcome) return outcome.decision
    }
    throw new ApiError('conflict', `the order is being ${busy} concurrently; retry`)
  })
}

/**
 * POST …/orders/evaluate (api.md "Idempotency"): a new order id is evaluated and stored; the same
 * content again (equal as JSON) answers the stored decision; an imported order without decision is
 * evaluated now; different content is 409 `order_exists`. Concurrent duplicates race on the order's
 * primary key and the one-decision-per-revision key: exactly one writes, the others re-read.
 */
export async function evaluateNewOrder(
  deps: EvaluationDeps,
  client: ClientContext,
  body: unknown,
  keyId: string | null = null,
): Promise<Decision> {
  const started = performance.now()
  const order = parseOrderOrThrow(body)
  const decide = (existing: ExistingOrder | null, checksum: string): WriteMode | { stored: string } => {
    if (!existing) return { kind: 'new', source: 'evaluate' }
    if (existing.checksum !== checksum) {
      throw new ApiError(
        'order_exists',
        `order ${order.id} already exists with different content; send changes to PUT /v1/clients/${client.id}/orders/${order.id}`,
      )
    }
    if (existing.decisionId) return { stored: existing.decisionId }
    // An imported order cancelled before its first evaluation is not decided afterwards, as a
    // cancelled order is not modified.
    if (existing.cancelled) throw new ApiError('order_cancelled', `order ${order.id} is cancelled`)
    return { kind: 'undecided', revision: existing.revision }
  }
  return storeInTurn(deps, { client, keyId, order, body, started }, decide, 'written')
}

/**
 * PUT …/orders/{orderId} (extension): the full new order becomes a new revision, re-evaluated
 * against the live policy. Resending the current content answers its decision again.
 */
export async function modifyOrder(
  deps: EvaluationDeps,
  client: ClientContext,
  orderId: string,
  body: unknown,
  keyId: string | null = null,
): Promise<Decision> {
  const started = performance.now()
  const order = parseOrderOrThrow(body)
  if (order.id !== orderId) {
    throw new ApiError('invalid_order', 'the order id must be the id in the path', [
      { path: 'id', message: `must be ${JSON.stringify(orderId)}` },
    ])
  }
  const decide = (existing: ExistingOrder | null, checksum: string): WriteMode | { stored: string } => {
    if (!existing) throw notFound('order')
    if (existing.cancelled) throw new ApiError('order_cancelled', `order ${orderId} is cancelled`)
    if (existing.checksum === checksum) {
      return existing.decisionId
        ? { stored: existing.decisionId }
        : { kind: 'undecided', revision: existing.revision }
    }
    return { kind: 'modify', from: existing.revision }
  }
  return storeInTurn(deps, { client, keyId, order, body, started }, decide, 'modified')
}

/** POST …/orders/{orderId}/cancel (extension): records the cancellation once; repeats answer the same. */
export async function cancelOrder(
  deps: EvaluationDeps,
  clientId: string,
  orderId: string,
  reason: string | null,
) {
  const updated = await cancelStoredOrder(deps.db, clientId, orderId, reason)
  if (updated?.cancelled_at) {
    return { orderId, status: 'cancelled' as const, cancelledAt: updated.cancelled_at.toISOString(), reason }
  }
  const state = await findOrderState(deps.db, clientId, orderId)
  if (!state?.cancelled_at) throw notFound('order')
  return {
    orderId,
    status: 'cancelled' as const,
    cancelledAt: state.cancelled_at.toISOString(),
    reason: state.cancel_reason,
  }
}

import type { ClientContext } from '../context.js'
import { compilePolicy, evaluateOrder, type Order } from '../engine.js'
import { ApiError, notFound } from '../errors.js'
import { checkDocumentAt } from '../policies/policies.service.js'
import { buildDecision } from './decision-builder.js'
import type { SimulateBody } from './evaluations.schemas.js'
import type { EvaluationDeps } from './evaluations.service.js'
import { parseOrderOrThrow } from './order-input.js'
import { loadClientData } from './postgres-provider.js'

/**
 * The simulated order. When it is invalid (not a card number: that is answered alone) and so is
 * the unsaved document sent with it, both sets of issues are answered at once, so the analyst
 * does not fix one to discover the other.
 */
function parseOrderReportingDocument(body: SimulateBody): Order {
  try {
    return parseOrderOrThrow(body.order, 'order')
  } catch (orderError) {
    if (
      !(orderError instanceof ApiError) ||
      orderError.code !== 'invalid_order' ||
      body.document === undefined
    )
      throw orderError
    try {
      checkDocumentAt(body.document, 'document')
    } catch (documentError) {
      if (documentError instanceof ApiError && documentError.code === 'invalid_policy')
        throw new ApiError('validation_failed', 'the order and the policy document are not valid', [
          ...(orderError.issues ?? []),
          ...(documentError.issues ?? []),
        ])
    }
    throw orderError
  }
}

/**
 * POST …/simulate: one order against a saved version, an unsaved document, or (neither given) the
 * live version, with the client's data as of the order's createdAt. Nothing is stored.
 */
export async function simulate(deps: EvaluationDeps, client: ClientContext, body: SimulateBody) {
  const order = parseOrderReportingDocument(body)
  let compiled: ReturnType<typeof compilePolicy>
  let policyVersion: number | null
  let warnings: { path: string; message: string }[] = []
  if (body.document !== undefined) {
    const checked = checkDocumentAt(body.document, 'document')
    compiled = compilePolicy(checked.document)
    warnings = checked.warnings
    policyVersion = null
  } else {
    const version = body.version ?? client.liveVersion
    if (version === null) throw new ApiError('no_live_policy', 'the client has no live policy version')
    const cached = await deps.policies.get(deps.db, client.id, version)
    if (!cached) throw notFound('policy version')
    compiled = cached.compiled
    policyVersion = version
  }
  const { data } = await loadClientData(deps.db, deps.lists, client.id, order, compiled.needs)
  const { result, facts } = evaluateOrder(compiled, order, data, { trace: true })
  const decision = buildDecision({
    decisionId: '',
    clientId: client.id,
    orderId: order.id,
    policyVersion: policyVersion ?? 0,
    result,
    facts,
    evaluatedAt: deps.now(),
  })
  return {
    ...decision,
    decisionId: null,
    policyVersion,
    listMatches: result.listMatches,
    trace: result.trace ?? [],
    facts,
    warnings,
  }
}

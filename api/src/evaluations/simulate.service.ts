import type { ClientContext } from '../context.js'
import { compilePolicy, evaluateOrder } from '../engine.js'
import { ApiError, notFound } from '../errors.js'
import { checkDocumentAt } from '../policies/policies.service.js'
import { buildDecision } from './decision-builder.js'
import type { SimulateBody } from './evaluations.schemas.js'
import type { EvaluationDeps } from './evaluations.service.js'
import { parseOrderOrThrow } from './order-input.js'
import { loadClientData } from './postgres-provider.js'

/**
 * POST …/simulate: one order against a saved version, an unsaved document, or (neither given) the
 * live version, with the client's data as of the order's createdAt. Nothing is stored.
 */
export async function simulate(deps: EvaluationDeps, client: ClientContext, body: SimulateBody) {
  const order = parseOrderOrThrow(body.order, 'order')
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

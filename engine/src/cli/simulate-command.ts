import { compilePolicy } from '../evaluate/compile-policy.js'
import { evaluateOrder } from '../evaluate/evaluate-order.js'
import type { EvaluationResult } from '../evaluate/result.types.js'
import { parseOrder } from '../order/parse-order.js'
import type { PolicyDocument } from '../policy/policy.types.js'
import { validatePolicy } from '../policy/validate-policy.js'
import { buildClientData } from './client-data-input.js'
import { formatDecision } from './format-decision.js'
import { formatTrace } from './format-trace.js'
import { type CliIo, readJsonFile } from './io.js'
import { toJsonPath } from './json-location.js'
import { readSimulateInputs, type SampleExpectation, type SimulateFiles } from './simulate-inputs.js'

export interface SimulateOptions extends SimulateFiles {
  json: boolean
}

/** Differences between a sample's `expected` and the decision, as readable lines (empty = match). */
export function compareExpectation(expected: SampleExpectation, result: EvaluationResult): string[] {
  const diffs: string[] = []
  if (expected.outcome !== result.outcome)
    diffs.push(`outcome: expected ${expected.outcome}, got ${result.outcome}`)
  if (expected.score !== result.score) diffs.push(`score: expected ${expected.score}, got ${result.score}`)
  const got = result.reasons.map((r) => r.ruleId)
  if (JSON.stringify(expected.reasons) !== JSON.stringify(got)) {
    diffs.push(`reasons: expected ${JSON.stringify(expected.reasons)}, got ${JSON.stringify(got)}`)
  }
  return diffs
}

/**
 * `verdict simulate <policy> <order> [--data f] [--lists f] [--catalog f] [--json]`: evaluates one
 * order with a trace. Exit 0 when evaluated (and, for a sample file, its expectation holds); 1 when
 * the policy or the order is invalid or a sample's expectation does not hold.
 */
export async function simulateCommand(io: CliIo, options: SimulateOptions): Promise<number> {
  const policyFile = await readJsonFile(io, options.policy)
  const validation = validatePolicy(policyFile.value)
  if (!validation.valid) {
    for (const i of validation.issues)
      io.err(`${options.policy}  error  ${toJsonPath(i.path)}  ${i.code}  ${i.message}`)
    io.err(`✗ ${options.policy}: invalid policy; run \`verdict lint\` for details`)
    return 1
  }
  const inputs = await readSimulateInputs(io, options)
  const parsed = parseOrder(inputs.order)
  if (!parsed.ok) {
    // parseOrder's messages never echo a card number, so they are safe to print
    for (const i of parsed.issues) io.err(`${options.order}  ${parsed.code}  ${i.path}  ${i.message}`)
    io.err(`✗ ${options.order}: the order was refused (${parsed.code})`)
    return 1
  }
  const doc = policyFile.value as PolicyDocument
  const compiled = compilePolicy(doc)
  const data = await buildClientData(parsed.order, compiled.needs, inputs)
  const { result, facts } = evaluateOrder(compiled, parsed.order, data, { trace: true })
  const diffs = inputs.expected ? compareExpectation(inputs.expected, result) : []

  if (options.json) {
    const { trace, ...decision } = result
    const shipping = {
      method: facts.shipping.method,
      carrier: facts.shipping.carrier,
      estimatedDelivery: facts.shipping.estimatedDelivery,
    }
    const expectation = inputs.expected
      ? { expected: inputs.expected, matches: diffs.length === 0, differences: diffs }
      : undefined
    io.out(
      JSON.stringify(
        { orderId: parsed.order.id, decision: { ...decision, shipping }, trace, facts, sample: expectation },
        null,
        2,
      ),
    )
  } else {
    io.out(`Order ${parsed.order.id} · policy ${options.policy}`)
    for (const line of formatDecision(result, facts, doc)) io.out(line)
    io.out('')
    io.out(
      `Trace (${result.trace?.length ?? 0} rules in evaluation order; ✓ true, ✗ false, · not evaluated):`,
    )
    for (const line of formatTrace(result.trace ?? [], doc.rules)) io.out(line)
    if (inputs.expected) {
      io.out('')
      io.out(
        diffs.length === 0
          ? "✓ matches the sample's expected decision"
          : "✗ differs from the sample's expected decision:",
      )
      for (const d of diffs) io.out(`  ${d}`)
    }
  }
  return diffs.length === 0 ? 0 : 1
}

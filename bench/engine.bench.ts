// pnpm bench:engine — compiled evaluator vs json-rules-engine 7.3.1 vs hand-written JS on one
// policy (bench/support/bench-policy.json) and 100,000 seeded orders. Prints rates and ratios and
// checks that all three agree on every sampled order; exits 1 on any disagreement.
import { readFileSync } from 'node:fs'
import { compilePolicy } from '../engine/src/evaluate/compile-policy.js'
import type { EvaluationResult } from '../engine/src/evaluate/result.types.js'
import { deriveFacts } from '../engine/src/facts/derive-facts.js'
import type { Facts } from '../engine/src/facts/facts.types.js'
import { parseOrder } from '../engine/src/order/parse-order.js'
import type { PolicyDocument } from '../engine/src/policy/policy.types.js'
import { validatePolicy } from '../engine/src/policy/validate-policy.js'
import { BENCH_MANAGED_LISTS } from './support/bench-catalog.js'
import { handWrittenPolicy } from './support/hand-written-policy.js'
import { jreRules, runJre } from './support/jre-runner.js'
import { generateCases } from './support/order-generator.js'
import { formatTiming, type Timing, timeAsync, timeSync } from './support/stats.js'

const ORDERS = 100_000
const JRE_SAMPLE = 2_000
const SEED = 20261126

const doc = JSON.parse(
  readFileSync(new URL('./support/bench-policy.json', import.meta.url), 'utf8'),
) as PolicyDocument
const validation = validatePolicy(doc)
if (!validation.valid) throw new Error(`bench policy is invalid: ${JSON.stringify(validation.issues)}`)

console.log(`Generating ${ORDERS.toLocaleString('en-US')} orders (seed ${SEED}) …`)
const cases = generateCases(ORDERS, SEED)
const invalid = cases.filter((c) => !parseOrder(c.order).ok).length
if (invalid > 0) throw new Error(`${invalid} generated orders do not pass parseOrder`)

const compiled = compilePolicy(doc)
const ctx = { managedLists: BENCH_MANAGED_LISTS }
const facts: Facts[] = new Array(ORDERS)
for (let i = 0; i < 2_000; i++) deriveFacts(cases[i]!.order, doc, cases[i]!.data) // warm-up
const derive = timeSync('deriveFacts', ORDERS, (i) => {
  facts[i] = deriveFacts(cases[i]!.order, doc, cases[i]!.data)
  return true
})

for (let i = 0; i < 20_000; i++) {
  compiled.evaluate(facts[i]!, ctx)
  handWrittenPolicy(facts[i]!, BENCH_MANAGED_LISTS)
}
const ours = timeSync(`compiled evaluator (${doc.rules.length} rules)`, ORDERS, (i) =>
  compiled.evaluate(facts[i]!, ctx),
)
const hand = timeSync('hand-written JS', ORDERS, (i) => handWrittenPolicy(facts[i]!, BENCH_MANAGED_LISTS))
const traced = timeSync('compiled evaluator, with trace', ORDERS, (i) =>
  compiled.evaluate(facts[i]!, { ...ctx, trace: true }),
)

// Agreement: ours vs hand-written on every order (outcome, score, reasons in order).
let disagreements = 0
const outcomes: Record<string, number> = {}
const oursResults: EvaluationResult[] = facts.map((f) => compiled.evaluate(f, ctx))
for (let i = 0; i < ORDERS; i++) {
  const a = oursResults[i]!
  const b = handWrittenPolicy(facts[i]!, BENCH_MANAGED_LISTS)
  outcomes[a.outcome] = (outcomes[a.outcome] ?? 0) + 1
  const same =
    a.outcome === b.outcome &&
    a.score === b.score &&
    a.reasons.map((r) => r.ruleId).join() === b.reasons.map((r) => r.ruleId).join() &&
    a.errors.length === 0
  if (!same && disagreements++ < 5) console.log('ours ≠ hand-written', cases[i]!.order.id, a, b)
}

// json-rules-engine on a spread-out sample, sequentially and with 64 runs in flight.
const rules = jreRules(doc)
const sample = Array.from({ length: JRE_SAMPLE }, (_, k) => Math.floor((k * ORDERS) / JRE_SAMPLE))
for (let k = 0; k < 200; k++) await runJre(doc, rules, facts[sample[k]!]!, BENCH_MANAGED_LISTS) // warm-up
const jreSeq = await timeAsync('json-rules-engine, sequential', JRE_SAMPLE, 1, (k) =>
  runJre(doc, rules, facts[sample[k]!]!, BENCH_MANAGED_LISTS),
)
const jreDecisions = new Array(JRE_SAMPLE)
const jre64 = await timeAsync('json-rules-engine, 64 in flight', JRE_SAMPLE, 64, async (k) => {
  jreDecisions[k] = await runJre(doc, rules, facts[sample[k]!]!, BENCH_MANAGED_LISTS)
})
for (let k = 0; k < JRE_SAMPLE; k++) {
  const a = oursResults[sample[k]!]!
  const j = jreDecisions[k]
  const same =
    a.outcome === j.outcome &&
    a.score === j.score &&
    a.reasons
      .map((r) => r.ruleId)
      .sort()
      .join() === [...j.fired].sort().join()
  if (!same && disagreements++ < 10)
    console.log('ours ≠ json-rules-engine', cases[sample[k]!]!.order.id, a, j)
}

const table: Timing[] = [ours, traced, hand, derive, jreSeq, jre64]
console.log('')
console.log(`${'pass'.padEnd(44)} ${'orders'.padStart(7)}  ${'rate'.padStart(14)}  ${'latency'}`)
for (const t of table) console.log(formatTiming(t))
const x = (a: number, b: number) => `${(a / b).toFixed(1)}×`
const jreBest = Math.max(jreSeq.perSecond, jre64.perSecond)
console.log('')
console.log(
  `ours vs json-rules-engine (best of seq/64):  ${x(ours.perSecond, jreBest)} throughput, ${x(jreSeq.meanUs, ours.meanUs)} mean latency (sequential)`,
)
console.log(
  `ours vs hand-written:                        ${x(ours.meanUs, hand.meanUs)} the hand-written time per evaluation`,
)
console.log(
  `deriveFacts vs evaluate:                     ${x(derive.meanUs, ours.meanUs)} the evaluation time`,
)
console.log(`outcomes over ${ORDERS.toLocaleString('en-US')} orders: ${JSON.stringify(outcomes)}`)
console.log('')
const target = (ok: boolean, text: string) => console.log(`${ok ? 'PASS' : 'MISS'}  ${text}`)
target(ours.perSecond >= 100 * jreBest, '≥100× json-rules-engine throughput')
target(ours.perSecond >= 100_000, '≥100,000 evaluations/s on one core')
target(ours.meanUs <= 5 * hand.meanUs, 'within 5× of hand-written')
target(disagreements === 0, `all three agree on every sampled order (${disagreements} disagreements)`)
if (disagreements > 0) process.exit(1)

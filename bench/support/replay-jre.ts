import { type Kysely, sql } from 'kysely'
import type { Database } from '../../api/src/db/tables.js'
import {
  type ClientData,
  compilePolicy,
  deriveFacts,
  keyOrder,
  type Order,
  type PolicyDocument,
  VelocityWindow,
} from '../../engine/src/index.js'
import { BENCH_CATALOG_MAP, BENCH_MANAGED_LISTS } from './bench-catalog.js'
import { jreRules, runJre } from './jre-runner.js'

/**
 * Replays the first `count` stored orders with json-rules-engine: the same velocity windows and the
 * same facts as Verdict's replay, then json-rules-engine runs for both versions. Timed from facts to
 * outcome (reading the orders is not counted, which favours json-rules-engine).
 */
export async function jreSample(
  db: Kysely<Database>,
  clientId: string,
  baseline: PolicyDocument,
  candidate: PolicyDocument,
  count: number,
) {
  const { rows } = await sql<{ document: Order }>`
    select r.document from orders o
    join order_revisions r on r.client_id = o.client_id and r.order_id = o.order_id and r.revision = o.revision
    where o.client_id = ${clientId} order by o.created_at, o.order_id limit ${count}`.execute(db)
  const window = new VelocityWindow()
  const inputs = rows.map(({ document: order }) => {
    const answer = window.next(keyOrder(order))
    const data: ClientData = { ...answer, catalog: BENCH_CATALOG_MAP, managedLists: BENCH_MANAGED_LISTS }
    return { order, data }
  })
  const versions = [baseline, candidate].map((doc) => ({
    doc,
    rules: jreRules(doc),
    compiled: compilePolicy(doc),
  }))
  const started = performance.now()
  const outcomes: string[] = []
  for (const { order, data } of inputs) {
    for (const v of versions) {
      const facts = deriveFacts(order, v.doc, data)
      outcomes.push((await runJre(v.doc, v.rules, facts, BENCH_MANAGED_LISTS)).outcome)
    }
  }
  const ms = performance.now() - started
  let agree = 0
  inputs.forEach(({ order, data }, i) => {
    const ours = versions.map(
      (v) =>
        v.compiled.evaluate(deriveFacts(order, v.doc, data), { managedLists: data.managedLists }).outcome,
    )
    if (ours[0] === outcomes[2 * i] && ours[1] === outcomes[2 * i + 1]) agree++
  })
  return { orders: inputs.length, ms, rate: inputs.length / (ms / 1000), agree }
}

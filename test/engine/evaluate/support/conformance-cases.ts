import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { PolicyDocument } from '../../../../engine/src/policy/policy.types.js'

export interface ConformanceCase {
  id: string
  title: string
  adapted: {
    expressible: boolean
    refuseAtSave?: boolean
    policy: PolicyDocument
    facts: { order: unknown; lists: unknown }
    expected: { fired: string[]; threw: string | null }
  }
}

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url))

/** The json-rules-engine corpus, read from ../shared (VERDICT_SHARED overrides), never copied here. */
export function loadConformanceCases(): ConformanceCase[] {
  const shared = process.env.VERDICT_SHARED ?? resolve(repoRoot, '../shared')
  const file = resolve(shared, 'conformance/json-rules-engine/cases.json')
  return (JSON.parse(readFileSync(file, 'utf8')) as { cases: ConformanceCase[] }).cases
}

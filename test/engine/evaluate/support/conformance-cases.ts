import type { PolicyDocument } from '../../../../engine/src/policy/policy.types.js'
import { readShared } from '../../../support/shared.js'

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

/** The json-rules-engine corpus, read from ../shared (test/support/shared.ts), never copied here. */
export function loadConformanceCases(): ConformanceCase[] {
  const text = readShared('conformance/json-rules-engine/cases.json')
  return (JSON.parse(text) as { cases: ConformanceCase[] }).cases
}

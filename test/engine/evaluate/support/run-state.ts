import { createPatternCache } from '../../../../engine/src/evaluate/operators/pattern.js'
import type { RunState } from '../../../../engine/src/evaluate/run-state.js'

export function runState(lists: Record<string, string[]> = {}, ruleId = 'rule-1'): RunState {
  return {
    ruleId,
    err: undefined,
    listMatches: [],
    managedLists: new Map(Object.entries(lists).map(([name, values]) => [name, new Set(values)])),
    patterns: createPatternCache([]),
    patternSteps: 0,
  }
}

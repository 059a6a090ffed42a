/**
 * json-rules-engine's priority grouping (Engine.prioritizeRules, Rule.prioritizeConditions), kept
 * literally: items are bucketed by priority used as an object key, and buckets run highest first.
 * Copying the reduce-then-sort keeps its exact order for every priority value, odd ones included.
 */
export function prioritize<T>(items: readonly T[], priorityOf: (item: T) => unknown): T[][] {
  const sets: Record<string, T[]> = {}
  for (const item of items) {
    const key = String(priorityOf(item))
    if (!sets[key]) sets[key] = []
    sets[key].push(item)
  }
  return Object.keys(sets)
    .sort((a, b) => (Number(a) > Number(b) ? -1 : 1))
    .map((key) => sets[key]!)
}

/** Rule priority as json-rules-engine's Rule constructor sets it (0 and absent become 1). */
export function rulePriority(priority: unknown): number {
  return Number.parseInt(String((priority as number) || 1), 10)
}

/**
 * Priority of a condition inside its parent's list. Boolean conditions are parsed (`parseInt || 1`);
 * fact conditions and condition references keep the raw value (json-rules-engine assigns it before
 * parsing), falling back to 1 when falsy.
 */
export function conditionPriority(condition: Record<string, unknown>, isBoolean: boolean): unknown {
  if (isBoolean) return Number.parseInt(condition.priority as string, 10) || 1
  return condition.priority || 1
}

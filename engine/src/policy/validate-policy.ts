import { semanticIssues } from './check-document.js'
import { structuralPolicySchema } from './policy.schema.js'
import type { PolicyIssue, ValidationResult } from './policy-issue.js'
import { mapZodIssues } from './zod-issues.js'

export type { PolicyIssue, ValidationResult } from './policy-issue.js'

/** Containers nested deeper than this are refused before anything recurses into them. */
const MAX_DEPTH = 128

function tooDeep(doc: unknown): boolean {
  const stack: [unknown, number][] = [[doc, 0]]
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [unknown, number]
    if (typeof node !== 'object' || node === null) continue
    if (depth >= MAX_DEPTH) return true
    for (const child of Object.values(node)) stack.push([child, depth + 1])
  }
  return false
}

/**
 * Checks a policy document (policies.md, "Saving a version: validation"). Never throws: every
 * problem comes back at once with a JSON path into the document and a stable UPPER_SNAKE code.
 * `warnings` (paths that cannot exist on a derived fact, rules that can never fire, …) do not
 * make a document invalid.
 *
 * @example
 * const { valid, issues } = validatePolicy(JSON.parse(text))
 * if (!valid) for (const i of issues) console.log(i.path.join('.'), i.code, i.message)
 */
export function validatePolicy(doc: unknown): ValidationResult {
  try {
    if (tooDeep(doc)) {
      const issue = {
        path: [],
        code: 'DOCUMENT_TOO_DEEP',
        message: `nesting deeper than ${MAX_DEPTH} levels`,
      }
      return { valid: false, issues: [issue], warnings: [] }
    }
    const semantic = semanticIssues(doc)
    const parsed = structuralPolicySchema.safeParse(doc)
    const shape = parsed.success ? [] : mapZodIssues(parsed.error.issues, doc)
    // a semantic issue says more than zod's at the same spot (e.g. SCORE_POINTS_REQUIRED vs INVALID_TYPE)
    const taken = new Set(semantic.issues.map((i) => JSON.stringify(i.path)))
    const issues: PolicyIssue[] = [
      ...shape.filter((i) => !taken.has(JSON.stringify(i.path))),
      ...semantic.issues,
    ]
    return { valid: issues.length === 0, issues, warnings: semantic.warnings }
  } catch (error) {
    // a bug in a check must not turn into a 500 or a blank editor: report it as an issue
    const message = `validation failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`
    return { valid: false, issues: [{ path: [], code: 'VALIDATION_FAILED', message }], warnings: [] }
  }
}

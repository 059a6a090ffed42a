/** One problem in a policy document: where (JSON path into the document), what (stable code), why. */
export interface PolicyIssue {
  path: (string | number)[]
  code: string
  message: string
}

export interface ValidationResult {
  valid: boolean
  issues: PolicyIssue[]
  warnings: PolicyIssue[]
}

/** Collects issues and warnings while the checks walk the document. */
export class IssueSink {
  readonly issues: PolicyIssue[] = []
  readonly warnings: PolicyIssue[] = []
  issue(path: (string | number)[], code: string, message: string): void {
    this.issues.push({ path, code, message })
  }
  warn(path: (string | number)[], code: string, message: string): void {
    this.warnings.push({ path, code, message })
  }
}

export type Json = Record<string, unknown>

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Own property only: `{condition: 'toString'}` must not find Object.prototype.toString. */
export function own(obj: Json, key: string): unknown {
  return Object.hasOwn(obj, key) ? obj[key] : undefined
}

export function pathToString(path: readonly (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('')
}

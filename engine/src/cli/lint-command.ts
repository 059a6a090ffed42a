import type { PolicyIssue } from '../policy/policy-issue.js'
import { validatePolicy } from '../policy/validate-policy.js'
import { type CliIo, readJsonFile } from './io.js'
import { locate, toJsonPath } from './json-location.js'

export interface LintOptions {
  json: boolean
}

function describe(file: string, text: string, severity: 'error' | 'warning', issue: PolicyIssue): string {
  const at = locate(text, issue.path)
  const where = at ? `${file}:${at.line}:${at.column}` : file
  return `${where}  ${severity}  ${toJsonPath(issue.path)}  ${issue.code}  ${issue.message}`
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

/**
 * `verdict lint <policy.json>`: every issue and warning with its JSON path (and line:column).
 * Exit 1 when the document is invalid, 0 otherwise (warnings alone do not fail).
 */
export async function lintCommand(io: CliIo, file: string, options: LintOptions): Promise<number> {
  const { text, value } = await readJsonFile(io, file)
  const result = validatePolicy(value)
  if (options.json) {
    const withPath = (i: PolicyIssue) => ({
      ...i,
      jsonPath: toJsonPath(i.path),
      location: locate(text, i.path),
    })
    io.out(
      JSON.stringify(
        {
          file,
          valid: result.valid,
          issues: result.issues.map(withPath),
          warnings: result.warnings.map(withPath),
        },
        null,
        2,
      ),
    )
    return result.valid ? 0 : 1
  }
  for (const issue of result.issues) io.out(describe(file, text, 'error', issue))
  for (const warning of result.warnings) io.out(describe(file, text, 'warning', warning))
  const rules = Array.isArray((value as { rules?: unknown })?.rules)
    ? (value as { rules: unknown[] }).rules.length
    : 0
  const summary = `${plural(result.issues.length, 'error')}, ${plural(result.warnings.length, 'warning')}`
  io.out(
    result.valid
      ? `✓ ${file}: valid (${plural(rules, 'rule')}; ${summary})`
      : `✗ ${file}: invalid (${summary})`,
  )
  return result.valid ? 0 : 1
}

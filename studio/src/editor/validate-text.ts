import { validatePolicy } from '@verdict/engine'
import { type ParseError, parse, parseTree, printParseErrorCode } from 'jsonc-parser'
import { formatPath, type JsonPath } from './issue-path.js'
import { type IssueLike, issuesToMarkers, LineIndex, type MarkerData, Severity } from './issues-to-markers.js'

/** One row of the problems panel, with the marker it corresponds to. */
export interface Problem {
  severity: 'error' | 'warning'
  code: string
  message: string
  path: string
  marker: MarkerData
}

export interface TextValidation {
  /** The parsed document when the text is JSON (even if the policy is invalid). */
  document: unknown | undefined
  problems: Problem[]
  valid: boolean
}

function syntaxProblems(text: string, errors: ParseError[]): Problem[] {
  const lines = new LineIndex(text)
  return errors.slice(0, 20).map((e) => {
    const a = lines.position(e.offset)
    const b = lines.position(e.offset + Math.max(1, e.length))
    const message = `JSON syntax: ${printParseErrorCode(e.error)
      .replace(/([a-z])([A-Z])/g, '$1 $2')
      .toLowerCase()}`
    return {
      severity: 'error',
      code: 'JSON_SYNTAX',
      message,
      path: `line ${a.line}`,
      marker: {
        startLineNumber: a.line,
        startColumn: a.column,
        endLineNumber: b.line,
        endColumn: b.column,
        message,
        severity: Severity.Error,
        code: 'JSON_SYNTAX',
        resolvedPath: [],
        source: 'browser',
      },
    }
  })
}

/** Builds problems from issues with paths (browser validatePolicy or the server's 422). */
export function problemsFromIssues(
  text: string,
  issues: readonly IssueLike[],
  severity: 'error' | 'warning',
  source: 'browser' | 'server',
  tree = parseTree(text),
): Problem[] {
  const markers = issuesToMarkers(text, issues, {
    severity: severity === 'error' ? Severity.Error : Severity.Warning,
    source,
    tree,
  })
  return markers.map((marker, i) => {
    const issue = issues[i]!
    const path = typeof issue.path === 'string' ? issue.path : formatPath(issue.path as JsonPath)
    return {
      severity,
      code: issue.code ?? (source === 'server' ? 'SERVER' : 'ISSUE'),
      message: issue.message,
      path,
      marker,
    }
  })
}

/** Editor text → every problem the browser can find (syntax first, then validatePolicy). */
export function validateText(text: string): TextValidation {
  const errors: ParseError[] = []
  const document = parse(text, errors, { allowTrailingComma: false, disallowComments: true })
  if (errors.length > 0) return { document: undefined, problems: syntaxProblems(text, errors), valid: false }
  const result = validatePolicy(document)
  const tree = parseTree(text)
  const problems = [
    ...problemsFromIssues(text, result.issues, 'error', 'browser', tree),
    ...problemsFromIssues(text, result.warnings, 'warning', 'browser', tree),
  ]
  return { document, problems, valid: result.valid }
}

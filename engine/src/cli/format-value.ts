const MAX_LENGTH = 80

/** A fact or compared value as one short line: JSON, `undefined` for a missing value, long values cut. */
export function formatValue(value: unknown): string {
  if (value === undefined) return 'undefined'
  let text: string
  try {
    text = JSON.stringify(value) ?? String(value)
  } catch {
    text = String(value)
  }
  return text.length > MAX_LENGTH ? `${text.slice(0, MAX_LENGTH - 1)}…` : text
}

/** ✓ true, ✗ false, · not evaluated (json-rules-engine skipped it after a failed priority group). */
export function mark(result: boolean | undefined): string {
  if (result === undefined) return '·'
  return result ? '✓' : '✗'
}

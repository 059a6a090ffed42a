import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { type Problem, validateText } from '../../editor/validate-text.js'

/** Light debounce: long enough to coalesce a burst of keys, short enough to stay inside the 50 ms budget. */
const DEBOUNCE_MS = 8

export interface ValidationStatus {
  problems: Problem[]
  /** Milliseconds of the last parse + validatePolicy + marker mapping. */
  lastMs: number | null
  document: unknown | undefined
}

/** Runs validateText on every change (debounced) and merges the server's issues from the last save. */
export function useValidation(initialText: string) {
  const [status, setStatus] = useState<ValidationStatus>(() => run(initialText))
  const [serverProblems, setServerProblems] = useState<Problem[]>([])
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)

  const onChange = useCallback((text: string) => {
    setServerProblems([])
    if (timer.current) clearTimeout(timer.current)
    timer.current = setTimeout(() => setStatus(run(text)), DEBOUNCE_MS)
  }, [])
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), [])

  // Stable identity: the editor pushes markers (and records the keystroke → markers measure) only
  // when a validation actually produced new problems, not on every re-render.
  const problems = useMemo(() => [...serverProblems, ...status.problems], [serverProblems, status.problems])
  return { ...status, problems, onChange, setServerProblems }
}

function run(text: string): ValidationStatus {
  const t0 = performance.now()
  const v = validateText(text)
  const lastMs = performance.now() - t0
  ;(globalThis as { __verdictValidationMs?: number[] }).__verdictValidationMs?.push(lastMs)
  return { problems: v.problems, lastMs, document: v.document }
}

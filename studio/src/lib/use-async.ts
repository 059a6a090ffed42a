import { useCallback, useEffect, useRef, useState } from 'react'

export type AsyncState<T> =
  | { status: 'loading'; data: T | undefined; error: undefined }
  | { status: 'success'; data: T; error: undefined }
  | { status: 'error'; data: T | undefined; error: unknown }

/** Runs `load` whenever `deps` change; stale answers from earlier runs are dropped. */
export function useAsync<T>(
  load: () => Promise<T>,
  deps: readonly unknown[],
): AsyncState<T> & { reload: () => void } {
  const [state, setState] = useState<AsyncState<T>>({ status: 'loading', data: undefined, error: undefined })
  const [tick, setTick] = useState(0)
  const run = useRef(0)
  // biome-ignore lint/correctness/useExhaustiveDependencies: deps are the caller's
  useEffect(() => {
    const id = ++run.current
    setState((s) => ({ status: 'loading', data: s.data, error: undefined }))
    load().then(
      (data) => id === run.current && setState({ status: 'success', data, error: undefined }),
      (error: unknown) => id === run.current && setState((s) => ({ status: 'error', data: s.data, error })),
    )
  }, [...deps, tick])
  const reload = useCallback(() => setTick((t) => t + 1), [])
  return { ...state, reload }
}

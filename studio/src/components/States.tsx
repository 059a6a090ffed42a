import type { ReactNode } from 'react'
import type { AsyncState } from '../lib/use-async.js'
import { ErrorNotice } from './ErrorNotice.js'

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="state state-loading" aria-busy="true">
      <span className="spinner" /> {label}
    </div>
  )
}

export function Empty({ children }: { children: ReactNode }) {
  return <div className="state state-empty">{children}</div>
}

/** Loading / error / content for one request; keeps showing old data while reloading. */
export function AsyncView<T>({
  state,
  children,
  label,
}: {
  state: AsyncState<T> & { reload: () => void }
  children: (data: T) => ReactNode
  label?: string
}) {
  if (state.status === 'error') return <ErrorNotice error={state.error} onRetry={state.reload} />
  if (state.data === undefined) return <Loading {...(label ? { label } : {})} />
  return <>{children(state.data)}</>
}

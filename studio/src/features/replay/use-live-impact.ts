import type { PolicyDocument, ReplaySample } from '@verdict/engine'
import { useEffect, useRef, useState } from 'react'
import { useSession } from '../auth/session.js'
import { policyApi } from '../policies/policy-api.js'
import { draftStore } from './draft-store.js'
import type { ImpactResult } from './impact-core.js'
import { replayApi } from './replay-api.js'

export type LiveImpactState =
  | { status: 'loading' }
  | { status: 'unavailable'; reason: string }
  | { status: 'ready'; size: number; result: ImpactResult | null; problem: string | null; pending: boolean }

/** Pause after the last keystroke before re-evaluating. */
export const IMPACT_DEBOUNCE_MS = 250

/**
 * Keeps the last `sampleSize` orders (with the data of their time) in a Web Worker and re-evaluates
 * the editor's draft against the live version after each pause in typing.
 */
export function useLiveImpact(clientId: string, sampleSize = 10_000): LiveImpactState {
  const { api } = useSession()
  const [state, setState] = useState<LiveImpactState>({ status: 'loading' })
  const worker = useRef<Worker | null>(null)

  useEffect(() => {
    let disposed = false
    let timer: ReturnType<typeof setTimeout> | undefined
    let latest = 0
    const w = new Worker(new URL('./impact.worker.ts', import.meta.url), { type: 'module' })
    worker.current = w
    const evaluate = (text: string) => {
      let document: PolicyDocument
      try {
        document = JSON.parse(text) as PolicyDocument
      } catch {
        setState((s) =>
          s.status === 'ready' ? { ...s, problem: 'the draft is not valid JSON', pending: false } : s,
        )
        return
      }
      latest++
      setState((s) => (s.status === 'ready' ? { ...s, pending: true } : s))
      w.postMessage({ type: 'evaluate', id: latest, document })
    }
    const unsubscribe = draftStore.subscribe(clientId, (text) => {
      clearTimeout(timer)
      timer = setTimeout(() => evaluate(text), IMPACT_DEBOUNCE_MS)
    })
    w.onmessage = (event: MessageEvent) => {
      const m = event.data as
        | { type: 'loaded'; size: number }
        | { type: 'result'; id: number; result: ImpactResult }
        | { type: 'error'; id: number | null; message: string }
      if (disposed) return
      if (m.type === 'loaded') {
        setState({ status: 'ready', size: m.size, result: null, problem: null, pending: false })
        const draft = draftStore.get(clientId)
        if (draft) evaluate(draft)
      } else if (m.type === 'result' && m.id === latest) {
        setState((s) =>
          s.status === 'ready' ? { ...s, result: m.result, problem: null, pending: false } : s,
        )
      } else if (m.type === 'error') {
        if (m.id === null) setState({ status: 'unavailable', reason: m.message })
        else if (m.id === latest)
          setState((s) => (s.status === 'ready' ? { ...s, problem: m.message, pending: false } : s))
      }
    }
    void (async () => {
      try {
        const live = await policyApi.live(api, clientId)
        if (!live) return setState({ status: 'unavailable', reason: 'nothing is live to compare with' })
        const sample = (await replayApi.sample(api, clientId, sampleSize)) as ReplaySample
        if (disposed) return
        if (sample.orders.length === 0)
          return setState({ status: 'unavailable', reason: 'no stored orders yet' })
        w.postMessage({ type: 'load', sample, baseline: live.document })
      } catch (error) {
        if (!disposed)
          setState({ status: 'unavailable', reason: error instanceof Error ? error.message : String(error) })
      }
    })()
    return () => {
      disposed = true
      clearTimeout(timer)
      unsubscribe()
      w.terminate()
    }
  }, [api, clientId, sampleSize])

  return state
}

import './replay.css'
import { useEffect, useState } from 'react'
import { ErrorNotice } from '../../components/ErrorNotice.js'
import { href } from '../../lib/router.js'
import { useAsync } from '../../lib/use-async.js'
import { useSession } from '../auth/session.js'
import { policyApi } from '../policies/policy-api.js'
import { ChangedOrders } from './ChangedOrders.js'
import { draftDocument, draftStore } from './draft-store.js'
import { ReplaySummary } from './ReplaySummary.js'
import { replayApi, type StartReplay } from './replay-api.js'
import { progressPercent, type ReplayView } from './replay-model.js'

const toIso = (local: string) => (local ? new Date(local).toISOString() : undefined)

/** Replay a draft or saved version against a baseline over stored orders, and show what changes. */
export default function ReplayPage({ clientId }: { clientId: string }) {
  const { api, can } = useSession()
  const versions = useAsync(() => policyApi.versions(api, clientId), [api, clientId])
  const draft = draftStore.get(clientId)
  const [source, setSource] = useState<'draft' | 'version'>(draft ? 'draft' : 'version')
  const [candidateVersion, setCandidateVersion] = useState<number | null>(null)
  const [baselineVersion, setBaselineVersion] = useState<number | null>(null)
  const [from, setFrom] = useState('')
  const [to, setTo] = useState('')
  const [limit, setLimit] = useState('')
  const [replay, setReplay] = useState<ReplayView | null>(null)
  const [error, setError] = useState<unknown>(null)

  const list = versions.data ?? []
  const live = list.find((v) => v.status === 'live')?.version ?? null

  // Poll while it runs.
  useEffect(() => {
    if (!replay || (replay.status !== 'queued' && replay.status !== 'running')) return
    const timer = setTimeout(async () => {
      try {
        setReplay(await replayApi.get(api, clientId, replay.replayId))
      } catch (e) {
        setError(e)
      }
    }, 400)
    return () => clearTimeout(timer)
  }, [api, clientId, replay])

  async function start() {
    setError(null)
    try {
      const candidate =
        source === 'draft'
          ? { document: draftDocument(draftStore.get(clientId)) }
          : { version: candidateVersion ?? live ?? 0 }
      const body: StartReplay = { candidate }
      if (baselineVersion !== null) body.baseline = { version: baselineVersion }
      if (toIso(from)) body.from = toIso(from)
      if (toIso(to)) body.to = toIso(to)
      if (limit) body.limit = Number(limit)
      const { replayId } = await replayApi.start(api, clientId, body)
      setReplay(await replayApi.get(api, clientId, replayId))
    } catch (e) {
      setError(e)
    }
  }

  const running = replay && (replay.status === 'queued' || replay.status === 'running')
  return (
    <div className="page replay-page">
      <div className="page-head">
        <h2>Replay</h2>
        <span className="muted">
          Every stored order evaluated by both versions as of its own time: velocity recomputed, catalog and
          lists as the decision saw them.
        </span>
      </div>
      <form
        className="replay-form"
        onSubmit={(e) => {
          e.preventDefault()
          void start()
        }}
      >
        <fieldset>
          <legend>Candidate</legend>
          <label>
            <input
              type="radio"
              checked={source === 'draft'}
              disabled={!draft}
              onChange={() => setSource('draft')}
            />{' '}
            editor draft {draft ? '' : <a href={href.editor(clientId)}>(open the editor first)</a>}
          </label>
          <label>
            <input type="radio" checked={source === 'version'} onChange={() => setSource('version')} /> saved
            version{' '}
            <select
              value={candidateVersion ?? ''}
              onChange={(e) => {
                setSource('version')
                setCandidateVersion(e.target.value ? Number(e.target.value) : null)
              }}
              data-testid="candidate-version"
            >
              <option value="">{live ? `live (v${live})` : 'choose'}</option>
              {list.map((v) => (
                <option key={v.version} value={v.version}>
                  v{v.version} · {v.status}
                </option>
              ))}
            </select>
          </label>
        </fieldset>
        <fieldset>
          <legend>Baseline</legend>
          <select
            value={baselineVersion ?? ''}
            onChange={(e) => setBaselineVersion(e.target.value ? Number(e.target.value) : null)}
          >
            <option value="">live {live ? `(v${live})` : ''}</option>
            {list.map((v) => (
              <option key={v.version} value={v.version}>
                v{v.version} · {v.status}
              </option>
            ))}
          </select>
        </fieldset>
        <fieldset>
          <legend>Orders</legend>
          <label>
            from <input type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} />
          </label>
          <label>
            to <input type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} />
          </label>
          <label>
            most recent{' '}
            <input
              type="number"
              min={1}
              placeholder="all"
              value={limit}
              onChange={(e) => setLimit(e.target.value)}
            />
          </label>
        </fieldset>
        <div className="row">
          <button
            type="submit"
            className="btn btn-primary"
            disabled={!can.simulate || !!running}
            data-action="start-replay"
          >
            Run replay
          </button>
          {running && (
            <button
              type="button"
              className="btn btn-warn"
              onClick={() => void replayApi.cancel(clientId, replay.replayId).catch(setError)}
            >
              Cancel
            </button>
          )}
        </div>
      </form>
      {error !== null && <ErrorNotice error={error} />}
      {replay && (
        <div className="replay-status" data-testid="replay-status">
          <div
            className="progress"
            role="progressbar"
            aria-valuenow={progressPercent(replay)}
            aria-valuemin={0}
            aria-valuemax={100}
          >
            <div className="progress-fill" style={{ width: `${progressPercent(replay)}%` }} />
          </div>
          <span>
            {replay.status} · {replay.processed.toLocaleString()} / {replay.total.toLocaleString()} orders
            {replay.error && ` · ${replay.error}`}
          </span>
        </div>
      )}
      {replay?.status === 'done' && replay.summary && (
        <>
          <ReplaySummary summary={replay.summary} />
          <ChangedOrders clientId={clientId} replayId={replay.replayId} />
        </>
      )}
    </div>
  )
}

import { useEffect, useRef, useState } from 'react'
import { ErrorNotice } from '../../components/ErrorNotice.js'
import { Loading } from '../../components/States.js'
import { shortcut } from '../../lib/format.js'
import type { Decision } from '../../models/decision.js'
import { useSession } from '../auth/session.js'
import { decisionApi } from '../decisions/decision-api.js'
import { DecisionDetails, OutcomeLine } from './DecisionDetails.js'
import { orderTemplate } from './order-template.js'
import { StoredOrderPicker } from './StoredOrderPicker.js'

type Side =
  | { status: 'idle' }
  | { status: 'running' }
  | { status: 'done'; decision: Decision }
  | { status: 'error'; error: unknown }

function SideResult({ title, side }: { title: string; side: Side }) {
  return (
    <div className="sim-side" data-testid={`sim-${title.startsWith('Current') ? 'current' : 'live'}`}>
      <h3>{title}</h3>
      {side.status === 'idle' && <div className="muted">Not run yet.</div>}
      {side.status === 'running' && <Loading label="Evaluating…" />}
      {side.status === 'error' && <ErrorNotice error={side.error} />}
      {side.status === 'done' && <DecisionDetails decision={side.decision} />}
    </div>
  )
}

/** Runs one order against the editor's unsaved document and, side by side, the live version. */
export function Simulator({
  clientId,
  getDocument,
  liveVersion,
  runSignal,
  wide,
  onToggleWide,
}: {
  clientId: string
  /** The editor's current document; an Error when the text is not JSON. */
  getDocument: () => unknown
  liveVersion: number | null
  runSignal: number
  /** Wide mode gives the simulator most of the screen so both results sit side by side. */
  wide: boolean
  onToggleWide: () => void
}) {
  const { api } = useSession()
  const [orderText, setOrderText] = useState(() => JSON.stringify(orderTemplate(), null, 2))
  const [orderError, setOrderError] = useState<string | null>(null)
  const [current, setCurrent] = useState<Side>({ status: 'idle' })
  const [live, setLive] = useState<Side>({ status: 'idle' })
  const [picking, setPicking] = useState(false)

  async function run() {
    let order: unknown
    try {
      order = JSON.parse(orderText)
      setOrderError(null)
    } catch (e) {
      setOrderError(`The order is not valid JSON: ${(e as Error).message}`)
      // The results on screen belong to an earlier order: they must not read as this one's.
      setCurrent({ status: 'idle' })
      setLive({ status: 'idle' })
      return
    }
    const document = getDocument()
    const tasks: Promise<void>[] = []
    if (document instanceof Error) setCurrent({ status: 'error', error: document })
    else {
      setCurrent({ status: 'running' })
      tasks.push(
        decisionApi.simulate(api, clientId, order, { document }).then(
          (decision) => setCurrent({ status: 'done', decision }),
          (error) => setCurrent({ status: 'error', error }),
        ),
      )
    }
    if (liveVersion !== null) {
      setLive({ status: 'running' })
      tasks.push(
        decisionApi.simulate(api, clientId, order, { version: liveVersion }).then(
          (decision) => setLive({ status: 'done', decision }),
          (error) => setLive({ status: 'error', error }),
        ),
      )
    }
    await Promise.all(tasks)
  }

  const runRef = useRef(run)
  runRef.current = run
  useEffect(() => {
    if (runSignal > 0) void runRef.current()
  }, [runSignal])

  const both = current.status === 'done' && live.status === 'done' ? [current.decision, live.decision] : null
  const differs = both && (both[0]!.outcome !== both[1]!.outcome || both[0]!.score !== both[1]!.score)

  return (
    <section className="simulator" aria-label="Simulator" data-testid="simulator">
      <header className="panel-head">
        <h2>Simulator</h2>
        <div className="row">
          <button
            type="button"
            className="btn btn-small"
            onClick={() => setPicking(true)}
            data-action="pick-order"
          >
            Stored order…
          </button>
          <button
            type="button"
            className="btn btn-small"
            onClick={onToggleWide}
            aria-pressed={wide}
            title="Give the simulator more room: current and live results side by side"
          >
            {wide ? '⇥ Narrow' : '⇤ Side by side'}
          </button>
          <button
            type="button"
            className="btn btn-small"
            onClick={() => setOrderText(JSON.stringify(orderTemplate(), null, 2))}
          >
            Template
          </button>
          <button
            type="button"
            className="btn btn-primary btn-small"
            onClick={() => void run()}
            data-action="simulate"
            title={shortcut('Enter')}
          >
            Run <kbd>{shortcut('⏎')}</kbd>
          </button>
        </div>
      </header>
      <label className="sr-only" htmlFor="order-json">
        Order JSON
      </label>
      <textarea
        id="order-json"
        className="order-json"
        spellCheck={false}
        value={orderText}
        onChange={(e) => setOrderText(e.target.value)}
        onKeyDown={(e) => {
          if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
            e.preventDefault()
            void run()
          }
        }}
      />
      {orderError && <div className="notice notice-error">{orderError}</div>}
      {both && (
        <div className={`compare-bar ${differs ? 'differs' : ''}`} data-testid="sim-compare">
          <span>Current</span> <OutcomeLine decision={both[0]!} /> <span>vs live v{liveVersion}</span>{' '}
          <OutcomeLine decision={both[1]!} />
          <strong>{differs ? 'Different result' : 'Same result'}</strong>
        </div>
      )}
      <div className="sim-results">
        <SideResult title="Current document (unsaved)" side={current} />
        <SideResult title={liveVersion ? `Live version v${liveVersion}` : 'No live version'} side={live} />
      </div>
      {picking && (
        <StoredOrderPicker
          clientId={clientId}
          onPick={(order) => {
            setOrderText(JSON.stringify(order, null, 2))
            setPicking(false)
          }}
          onClose={() => setPicking(false)}
        />
      )}
    </section>
  )
}

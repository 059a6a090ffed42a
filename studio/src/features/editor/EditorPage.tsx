import { useEffect, useState } from 'react'
import { AsyncView } from '../../components/States.js'
import { setupMonaco } from '../../editor/monaco-setup.js'
import { useAsync } from '../../lib/use-async.js'
import { formatDocument } from '../../models/policy-version.js'
import { useSession } from '../auth/session.js'
import { policyApi } from '../policies/policy-api.js'
import { EditorWorkspace } from './EditorWorkspace.js'
import { STARTER_POLICY } from './starter-policy.js'

export interface EditorStart {
  text: string
  baseVersion: number | null
  liveVersion: number | null
}

/** Loads Monaco and the starting document (a chosen version, else the live one, else a starter). */
export default function EditorPage({ clientId, from }: { clientId: string; from: number | null }) {
  const { api } = useSession()
  const [ready, setReady] = useState(false)
  useEffect(() => {
    void setupMonaco().then(() => setReady(true))
  }, [])
  const start = useAsync<EditorStart>(async () => {
    const live = await policyApi.live(api, clientId)
    const base = from !== null ? await policyApi.version(api, clientId, from) : live
    return {
      text: formatDocument(base?.document ?? STARTER_POLICY),
      baseVersion: base?.version ?? null,
      liveVersion: live?.version ?? null,
    }
  }, [api, clientId, from])
  return (
    <AsyncView state={start} label="Loading the policy…">
      {(s) =>
        ready ? (
          <EditorWorkspace key={`${clientId}:${s.baseVersion}`} clientId={clientId} start={s} />
        ) : (
          <div className="state state-loading">
            <span className="spinner" /> Loading the editor…
          </div>
        )
      }
    </AsyncView>
  )
}

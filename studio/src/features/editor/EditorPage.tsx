import { useEffect, useState } from 'react'
import { AsyncView } from '../../components/States.js'
import { setupMonaco } from '../../editor/monaco-setup.js'
import { useAsync } from '../../lib/use-async.js'
import { formatDocument } from '../../models/policy-version.js'
import { useSession } from '../auth/session.js'
import { policyApi } from '../policies/policy-api.js'
import { editsStore } from '../replay/draft-store.js'
import { EditorWorkspace } from './EditorWorkspace.js'
import { STARTER_POLICY } from './starter-policy.js'

export interface EditorStart {
  text: string
  /** The text of the version the editor starts from (before any restored edits). */
  baseText: string
  baseVersion: number | null
  liveVersion: number | null
  /** True when `text` holds unsaved edits of an earlier visit, restored. */
  restored: boolean
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
    const baseText = formatDocument(base?.document ?? STARTER_POLICY)
    const baseVersion = base?.version ?? null
    // Edits left unsaved on the same starting version come back (a reload, another tab, a new sign-in).
    const edits = editsStore.get(clientId)
    const restored = edits !== null && edits.baseVersion === baseVersion && edits.text !== baseText
    return {
      text: restored ? edits.text : baseText,
      baseText,
      baseVersion,
      liveVersion: live?.version ?? null,
      restored,
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

import { useState } from 'react'
import { CommentDialog } from '../../components/CommentDialog.js'
import type { PolicyVersionSummary } from '../../models/policy-version.js'
import { useSession } from '../auth/session.js'
import { policyApi } from './policy-api.js'

/** Publish a draft, or roll back to a retired version (with a confirmation that says so). */
export function PublishAction({
  clientId,
  version,
  liveVersion,
  onDone,
}: {
  clientId: string
  version: PolicyVersionSummary
  liveVersion: number | null
  onDone: () => void
}) {
  const { api, can } = useSession()
  const [open, setOpen] = useState(false)
  if (!can.publish || version.status === 'live') return null
  // Only a version that was live before comes back: an older draft that never was is published.
  const rollback = version.status === 'retired'
  return (
    <>
      <button
        type="button"
        className={`btn btn-small ${rollback ? 'btn-warn' : 'btn-primary'}`}
        data-action={rollback ? 'rollback' : 'publish'}
        data-version={version.version}
        onClick={() => setOpen(true)}
      >
        {rollback ? 'Roll back to this' : 'Publish'}
      </button>
      {open && (
        <CommentDialog
          title={rollback ? `Roll back to version ${version.version}?` : `Publish version ${version.version}`}
          intro={
            rollback
              ? `Version ${version.version} becomes live again${liveVersion !== null ? ` and version ${liveVersion} is retired` : ''}. New orders are decided by it immediately.`
              : `Version ${version.version} becomes live${liveVersion ? ` and version ${liveVersion} is retired` : ''}. New orders are decided by it immediately.`
          }
          confirmLabel={rollback ? 'Roll back' : 'Publish'}
          danger={rollback}
          onConfirm={async (comment) => {
            await policyApi.publish(api, clientId, version.version, comment)
            onDone()
          }}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  )
}

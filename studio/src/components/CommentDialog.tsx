import { type FormEvent, useState } from 'react'
import { Dialog } from './Dialog.js'
import { ErrorNotice } from './ErrorNotice.js'

/** Asks for the required comment of a save/publish/rollback and runs the action with it. */
export function CommentDialog({
  title,
  intro,
  confirmLabel,
  danger,
  onConfirm,
  onClose,
}: {
  title: string
  intro?: string
  confirmLabel: string
  danger?: boolean
  onConfirm: (comment: string) => Promise<void>
  onClose: () => void
}) {
  const [comment, setComment] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  async function submit(e: FormEvent) {
    e.preventDefault()
    setBusy(true)
    setError(null)
    try {
      await onConfirm(comment.trim())
      onClose()
    } catch (err) {
      setError(err)
      setBusy(false)
    }
  }
  return (
    <Dialog title={title} onClose={onClose}>
      <form onSubmit={submit} className="stack">
        {intro && <p>{intro}</p>}
        <label htmlFor="comment">Comment (required)</label>
        <textarea
          id="comment"
          name="comment"
          rows={3}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          placeholder="What changed and why"
        />
        {error !== null && <ErrorNotice error={error} />}
        <div className="row-end">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button
            type="submit"
            className={`btn ${danger ? 'btn-danger' : 'btn-primary'}`}
            disabled={busy || comment.trim() === ''}
          >
            {busy ? 'Working…' : confirmLabel}
          </button>
        </div>
      </form>
    </Dialog>
  )
}

import { type FormEvent, useEffect, useRef, useState } from 'react'
import { ErrorNotice } from '../../components/ErrorNotice.js'
import { useSessionContext } from './session.js'

export function SignIn() {
  const { signIn, refused } = useSessionContext()
  const [key, setKey] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const input = useRef<HTMLInputElement>(null)
  // The key field is the only thing on this screen.
  useEffect(() => input.current?.focus(), [])

  async function submit(e: FormEvent) {
    e.preventDefault()
    setBusy(true)
    setError(null)
    try {
      await signIn(key)
    } catch (err) {
      setError(err)
    } finally {
      setBusy(false)
    }
  }

  return (
    <main className="signin">
      <form className="signin-card" onSubmit={submit} aria-label="Sign in">
        <div className="brand brand-lg">
          <span className="brand-mark">V</span> Verdict Studio
        </div>
        <p className="muted">Author, simulate and publish order-confirmation policies.</p>
        {refused && (
          <div className="notice notice-warn" role="alert" data-testid="key-refused">
            Your API key was refused: it was revoked or has expired. Sign in again with a valid key; your
            unsaved policy edits are kept.
          </div>
        )}
        <label htmlFor="api-key">API key</label>
        <input
          id="api-key"
          name="api-key"
          type="password"
          autoComplete="off"
          ref={input}
          value={key}
          onChange={(e) => setKey(e.target.value)}
          placeholder="Paste your API key"
        />
        <p className="hint">
          Kept for this browser tab only (session storage); closing the tab signs you out.
        </p>
        {error !== null && <ErrorNotice error={error} />}
        <button className="btn btn-primary" type="submit" disabled={busy || key.trim() === ''}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  )
}

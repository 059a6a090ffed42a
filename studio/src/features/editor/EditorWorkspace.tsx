import { useRef, useState } from 'react'
import { ApiError } from '../../api/client.js'
import { CommentDialog } from '../../components/CommentDialog.js'
import { ErrorNotice } from '../../components/ErrorNotice.js'
import { problemsFromIssues } from '../../editor/validate-text.js'
import { shortcut } from '../../lib/format.js'
import { href } from '../../lib/router.js'
import { useShortcuts } from '../../lib/use-shortcuts.js'
import { adaptVersion } from '../../models/policy-version.js'
import { useSession } from '../auth/session.js'
import { policyApi } from '../policies/policy-api.js'
import { draftStore, editsStore } from '../replay/draft-store.js'
import { LiveImpact } from '../replay/LiveImpact.js'
import { Simulator } from '../simulator/Simulator.js'
import type { EditorStart } from './EditorPage.js'
import { type CodeEditor, MonacoPolicyEditor } from './MonacoPolicyEditor.js'
import { ProblemsPanel } from './ProblemsPanel.js'
import { useValidation } from './use-validation.js'

type Saved = { version: number; warnings: number }

export function EditorWorkspace({ clientId, start }: { clientId: string; start: EditorStart }) {
  const { api, can } = useSession()
  const editor = useRef<CodeEditor | null>(null)
  const validation = useValidation(start.text)
  const [dirty, setDirty] = useState(start.restored)
  const [restored, setRestored] = useState(start.restored)
  const [saving, setSaving] = useState(false)
  const [saved, setSaved] = useState<Saved | null>(null)
  const [saveError, setSaveError] = useState<unknown>(null)
  const [runSignal, setRunSignal] = useState(0)
  const [publishing, setPublishing] = useState<number | null>(null)
  const [wide, setWide] = useState(false)
  const errors = validation.problems.filter((p) => p.severity === 'error').length

  const text = () => editor.current?.getValue() ?? start.text
  const currentDocument = (): unknown => {
    try {
      return JSON.parse(text())
    } catch (e) {
      return new Error(`The editor does not hold valid JSON: ${(e as Error).message}`)
    }
  }

  function requestSave() {
    // The button is disabled then; the shortcut must not get around it.
    if (!can.author || errors > 0) return
    setSaveError(null)
    setSaving(true)
  }
  const run = () => setRunSignal((n) => n + 1)
  useShortcuts([
    { combo: 'mod+s', run: requestSave },
    { combo: 'mod+enter', run },
  ])

  async function save(comment: string) {
    const body = text()
    const document = JSON.parse(body)
    try {
      const res = await policyApi.saveRaw(api, clientId, document, comment)
      const v = adaptVersion(res)
      const warnings = Array.isArray((res as { warnings?: unknown[] })?.warnings)
        ? (res as { warnings: unknown[] }).warnings.length
        : 0
      setSaved(v ? { version: v.version, warnings } : null)
      setDirty(false)
      setRestored(false)
      editsStore.clear(clientId)
    } catch (err) {
      if (err instanceof ApiError && err.issues.length > 0) {
        validation.setServerProblems(problemsFromIssues(body, err.issues, 'error', 'server'))
      }
      setSaveError(err)
      throw err
    }
  }

  return (
    <div className={`workspace${!can.simulate ? ' workspace-solo' : wide ? ' workspace-wide' : ''}`}>
      <div className="editor-pane">
        <div className="toolbar">
          <div className="toolbar-info">
            <strong>Policy editor</strong>
            <span className="muted">
              {start.baseVersion ? `from v${start.baseVersion}` : 'new document'}
              {start.liveVersion ? ` · live v${start.liveVersion}` : ' · nothing live'}
            </span>
            {dirty && (
              <span className="dirty" title="Unsaved changes">
                ● unsaved
              </span>
            )}
            <span className={`vstatus ${errors ? 'bad' : 'good'}`} data-testid="validation-status">
              {errors ? `${errors} error${errors > 1 ? 's' : ''}` : 'valid'}
              {validation.lastMs !== null && ` · checked in ${validation.lastMs.toFixed(1)} ms`}
            </span>
          </div>
          <div className="row">
            {can.author ? (
              <button
                type="button"
                className="btn btn-primary"
                onClick={requestSave}
                disabled={errors > 0}
                title={errors > 0 ? 'Fix the errors first' : shortcut('S')}
                data-action="save"
              >
                Save version <kbd>{shortcut('S')}</kbd>
              </button>
            ) : (
              <span className="badge badge-readonly">read-only</span>
            )}
          </div>
        </div>
        {saved && (
          <div className="notice notice-ok" data-testid="saved">
            Saved as <a href={href.version(clientId, saved.version)}>version {saved.version}</a> (draft)
            {saved.warnings > 0 && ` with ${saved.warnings} warning(s)`}.{' '}
            {can.publish && (
              <button
                type="button"
                className="btn btn-small btn-primary"
                onClick={() => setPublishing(saved.version)}
                data-action="publish-saved"
              >
                Publish v{saved.version}
              </button>
            )}{' '}
            <a href={href.client(clientId)}>Versions</a>
          </div>
        )}
        {restored && (
          <div className="notice" data-testid="edits-restored">
            Your unsaved edits{start.baseVersion ? ` of v${start.baseVersion}` : ''} are back.{' '}
            <button
              type="button"
              className="btn btn-small"
              data-action="discard-edits"
              onClick={() => {
                editsStore.clear(clientId)
                editor.current?.setValue(start.baseText)
                setRestored(false)
                setDirty(false)
              }}
            >
              Discard them
            </button>
          </div>
        )}
        {saveError !== null && !saving && <ErrorNotice error={saveError} />}
        <MonacoPolicyEditor
          initialValue={start.text}
          readOnly={!can.author}
          problems={validation.problems}
          onChange={(t) => {
            const edited = t !== start.baseText
            setDirty(edited)
            setSaved(null)
            validation.onChange(t)
            draftStore.set(clientId, t)
            if (edited && can.author) editsStore.set(clientId, { baseVersion: start.baseVersion, text: t })
            else editsStore.clear(clientId)
          }}
          onReady={(e) => {
            editor.current = e
            draftStore.set(clientId, e.getValue())
          }}
          onSave={requestSave}
          onRun={run}
        />
        <ProblemsPanel
          problems={validation.problems}
          onJump={(p) => {
            const e = editor.current
            if (!e) return
            e.setSelection({
              startLineNumber: p.marker.startLineNumber,
              startColumn: p.marker.startColumn,
              endLineNumber: p.marker.endLineNumber,
              endColumn: p.marker.endColumn,
            })
            e.revealLineInCenter(p.marker.startLineNumber)
            e.focus()
          }}
        />
        {can.simulate && <LiveImpact clientId={clientId} />}
      </div>
      {can.simulate && (
        <Simulator
          clientId={clientId}
          getDocument={currentDocument}
          liveVersion={start.liveVersion}
          runSignal={runSignal}
          wide={wide}
          onToggleWide={() => setWide((w) => !w)}
        />
      )}
      {saving && (
        <CommentDialog
          title="Save as a new version"
          intro="Versions are immutable; this creates a draft that a publisher can make live."
          confirmLabel="Save version"
          onConfirm={save}
          onClose={() => setSaving(false)}
        />
      )}
      {publishing !== null && (
        <CommentDialog
          title={`Publish version ${publishing}`}
          intro={`Version ${publishing} becomes live${start.liveVersion ? ` and v${start.liveVersion} is retired` : ''}.`}
          confirmLabel="Publish"
          onConfirm={async (comment) => {
            await policyApi.publish(api, clientId, publishing, comment)
            window.location.hash = href.client(clientId)
          }}
          onClose={() => setPublishing(null)}
        />
      )}
    </div>
  )
}

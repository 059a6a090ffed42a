import { useEffect, useRef } from 'react'
import { monaco, POLICY_MODEL_PREFIX } from '../../editor/monaco-setup.js'
import type { Problem } from '../../editor/validate-text.js'

export type CodeEditor = monaco.editor.IStandaloneCodeEditor

let modelSeq = 0

/** Monaco on a policy model. Markers are pushed from outside (`problems`); the text is read through
 * the editor handle so keystrokes never re-render React. */
export function MonacoPolicyEditor({
  initialValue,
  readOnly,
  problems,
  onChange,
  onReady,
  onSave,
  onRun,
}: {
  initialValue: string
  readOnly: boolean
  problems: Problem[]
  onChange: (text: string) => void
  onReady: (editor: CodeEditor) => void
  onSave: () => void
  onRun: () => void
}) {
  const host = useRef<HTMLDivElement>(null)
  const editorRef = useRef<CodeEditor | null>(null)
  const handlers = useRef({ onChange, onSave, onRun })
  handlers.current = { onChange, onSave, onRun }

  // biome-ignore lint/correctness/useExhaustiveDependencies: created once per mount; later props flow through refs
  useEffect(() => {
    const uri = monaco.Uri.parse(`${POLICY_MODEL_PREFIX}-${++modelSeq}.json`)
    const model = monaco.editor.createModel(initialValue, 'json', uri)
    const editor = monaco.editor.create(host.current!, {
      model,
      readOnly,
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 13,
      tabSize: 2,
      scrollBeyondLastLine: false,
      renderValidationDecorations: 'on',
      fixedOverflowWidgets: true,
      quickSuggestions: { strings: true, other: true, comments: false },
    })
    editorRef.current = editor
    const sub = model.onDidChangeContent(() => {
      performance.mark('verdict:edit')
      handlers.current.onChange(model.getValue())
    })
    // Monaco swallows keys while focused; route the app shortcuts explicitly.
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS, () => handlers.current.onSave())
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => handlers.current.onRun())
    onReady(editor)
    return () => {
      sub.dispose()
      editor.dispose()
      model.dispose()
    }
  }, [])

  useEffect(() => {
    const model = editorRef.current?.getModel()
    if (!model) return
    const markers = problems.map((p) => ({ ...p.marker, source: p.marker.source, code: p.code }))
    monaco.editor.setModelMarkers(model, 'verdict', markers)
    if (performance.getEntriesByName('verdict:edit').length > 0) {
      // Keystroke → markers on screen-ready model; the E2E suite reads this measure.
      performance.measure('verdict:keystroke-to-markers', 'verdict:edit')
      performance.clearMarks('verdict:edit')
    }
  }, [problems])

  return <div ref={host} className="monaco-host" data-testid="policy-editor" />
}

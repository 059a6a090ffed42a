import { useEffect, useRef, useState } from 'react'
import { Loading } from '../../components/States.js'
import { type Monaco, setupMonaco } from '../../editor/monaco-setup.js'

/** Monaco's side-by-side diff of two documents (lazy chunk: only loaded on the diff page). */
export default function MonacoDiff({ original, modified }: { original: string; modified: string }) {
  const host = useRef<HTMLDivElement>(null)
  const [monaco, setMonaco] = useState<Monaco | null>(null)
  useEffect(() => {
    void setupMonaco().then(setMonaco)
  }, [])
  useEffect(() => {
    if (!monaco || !host.current) return
    const a = monaco.editor.createModel(original, 'json')
    const b = monaco.editor.createModel(modified, 'json')
    const diff = monaco.editor.createDiffEditor(host.current, {
      readOnly: true,
      automaticLayout: true,
      renderSideBySide: true,
      // Long policies differ in a few rules: fold the rest so the change is on screen.
      hideUnchangedRegions: { enabled: true, contextLineCount: 3, minimumLineCount: 5 },
      minimap: { enabled: false },
      fontSize: 13,
      scrollBeyondLastLine: false,
    })
    diff.setModel({ original: a, modified: b })
    return () => {
      diff.dispose()
      a.dispose()
      b.dispose()
    }
  }, [monaco, original, modified])
  return (
    <div className="monaco-diff" data-testid="monaco-diff" ref={host}>
      {!monaco && <Loading label="Loading the diff editor…" />}
    </div>
  )
}

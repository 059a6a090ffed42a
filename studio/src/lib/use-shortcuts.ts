import { useEffect, useRef } from 'react'

export interface Shortcut {
  /** 'mod+s', 'mod+enter', '/', '?' — `mod` is Ctrl, or Cmd on a Mac. */
  combo: string
  run: (e: KeyboardEvent) => void
  /** Single-key shortcuts are ignored while typing in a field, unless this is set. */
  inFields?: boolean
}

function matches(e: KeyboardEvent, combo: string): boolean {
  const parts = combo.toLowerCase().split('+')
  const key = parts.pop()!
  const mod = parts.includes('mod')
  if (mod !== (e.ctrlKey || e.metaKey)) return false
  if (key === 'enter') return e.key === 'Enter'
  return e.key.toLowerCase() === key
}

function typing(e: KeyboardEvent): boolean {
  const t = e.target as HTMLElement | null
  if (!t) return false
  return (
    t.isContentEditable ||
    ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName) ||
    !!t.closest('.monaco-editor')
  )
}

/** Window-level keyboard shortcuts; the latest handlers are used without re-subscribing. */
export function useShortcuts(shortcuts: Shortcut[]): void {
  const ref = useRef(shortcuts)
  ref.current = shortcuts
  useEffect(() => {
    const on = (e: KeyboardEvent) => {
      for (const s of ref.current) {
        const needsMod = s.combo.includes('mod+')
        if (!matches(e, s.combo)) continue
        if (!needsMod && !s.inFields && typing(e)) continue
        e.preventDefault()
        s.run(e)
        return
      }
    }
    window.addEventListener('keydown', on)
    return () => window.removeEventListener('keydown', on)
  }, [])
}

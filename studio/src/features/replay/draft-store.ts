// The editor's current text per client, so the Replay page can replay the unsaved draft and the
// live-impact panel can follow it. sessionStorage: survives a reload, not a new tab.

import { InputError } from '../../api/api-error.js'

type Listener = (text: string) => void
const listeners = new Map<string, Set<Listener>>()
const keyOf = (clientId: string) => `verdict.draft.${clientId}`

export const draftStore = {
  get(clientId: string): string | null {
    try {
      return sessionStorage.getItem(keyOf(clientId))
    } catch {
      return null
    }
  },
  set(clientId: string, text: string): void {
    try {
      sessionStorage.setItem(keyOf(clientId), text)
    } catch {
      // storage full or disabled: the draft is simply not shared
    }
    for (const listener of listeners.get(clientId) ?? []) listener(text)
  },
  subscribe(clientId: string, listener: Listener): () => void {
    let set = listeners.get(clientId)
    if (!set) {
      set = new Set()
      listeners.set(clientId, set)
    }
    set.add(listener)
    return () => set.delete(listener)
  },
}

/** Unsaved edits in the editor, with the version they started from (null: a new document). */
export interface UnsavedEdits {
  baseVersion: number | null
  text: string
}

const editsKey = (clientId: string) => `verdict.edits.${clientId}`

/**
 * The editor's unsaved edits per client, kept until they are saved or discarded: leaving the editor
 * (another tab of the studio, a reload, a key that stopped working) must not lose an analyst's work.
 */
export const editsStore = {
  get(clientId: string): UnsavedEdits | null {
    try {
      const raw = sessionStorage.getItem(editsKey(clientId))
      const value = raw === null ? null : (JSON.parse(raw) as Partial<UnsavedEdits>)
      if (!value || typeof value.text !== 'string') return null
      return {
        baseVersion: typeof value.baseVersion === 'number' ? value.baseVersion : null,
        text: value.text,
      }
    } catch {
      return null
    }
  },
  set(clientId: string, edits: UnsavedEdits): void {
    try {
      sessionStorage.setItem(editsKey(clientId), JSON.stringify(edits))
    } catch {
      // storage full or disabled: the edits live only as long as the page
    }
  },
  clear(clientId: string): void {
    try {
      sessionStorage.removeItem(editsKey(clientId))
    } catch {
      // nothing kept
    }
  },
}

/** The editor's draft as a replay candidate document, or an InputError saying what to fix. */
export function draftDocument(text: string | null): unknown {
  if (text === null)
    throw new InputError('There is no draft.', 'Open the editor first, or replay a saved version.')
  try {
    return JSON.parse(text)
  } catch (e) {
    throw new InputError(
      "The editor's draft is not valid JSON.",
      `${(e as Error).message}. Fix it in the editor, or replay a saved version.`,
    )
  }
}

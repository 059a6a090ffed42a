// The editor's current text per client, so the Replay page can replay the unsaved draft and the
// live-impact panel can follow it. sessionStorage: survives a reload, not a new tab.

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

// The key lives in sessionStorage only: it dies with the tab, and never reaches localStorage or a cookie.
const KEY = 'verdict.apiKey'

export const sessionStore = {
  get(): string | null {
    try {
      return sessionStorage.getItem(KEY)
    } catch {
      return null
    }
  },
  set(key: string): void {
    sessionStorage.setItem(KEY, key)
  },
  clear(): void {
    sessionStorage.removeItem(KEY)
  },
  /** Everything the studio keeps for this tab (key, drafts, unsaved edits): a sign-out leaves nothing. */
  clearAll(): void {
    try {
      for (const name of Object.keys(sessionStorage))
        if (name.startsWith('verdict.')) sessionStorage.removeItem(name)
    } catch {
      // storage disabled: nothing kept
    }
  },
}

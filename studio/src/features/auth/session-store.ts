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
}

/** "2026-11-20 14:03" in the browser's zone; "—" for missing. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—'
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`
}

/**
 * The instant a `YYYY-MM-DD` day starts in the browser's zone (the zone the tables show times in),
 * or with `next` the instant the following day starts: an exclusive end that takes in the whole
 * day, DST days of 23 or 25 hours included. Undefined for an empty or malformed date.
 */
export function localDayStart(date: string, next = false): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  if (!m) return undefined
  const day = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + (next ? 1 : 0))
  return Number.isNaN(day.getTime()) ? undefined : day.toISOString()
}

export function isMac(): boolean {
  return typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform)
}

/** "Ctrl+S" or "⌘S" for the help dialog and button titles. */
export function shortcut(key: string): string {
  return isMac() ? `⌘${key}` : `Ctrl+${key}`
}

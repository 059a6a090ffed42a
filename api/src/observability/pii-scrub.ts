/**
 * Personal data must never reach the logs (issue 3; orders.md: card numbers are never logged).
 * Keys that hold personal data are replaced whatever their depth, and free text is scrubbed for
 * values that look like e-mails, IPs, phone numbers or card-like digit runs, because a message
 * such as `duplicate order for jane@example.com` would otherwise slip past key-based redaction.
 */
export const REDACTED = '[redacted]'

/** Lower-cased keys whose values are personal data (or secrets) wherever they appear. */
const PII_KEYS = new Set([
  'email',
  'phone',
  'name',
  'firstname',
  'lastname',
  'fullname',
  'ip',
  'ipaddress',
  'line1',
  'line2',
  'city',
  'postalcode',
  'zip',
  'address',
  'billingaddress',
  'shippingaddress',
  'customer',
  'authorization',
  'cookie',
  'apikey',
  'password',
  'token',
])

const PATTERNS: [RegExp, string][] = [
  [/[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g, '[email]'],
  // Card-like runs (13–19 digits, single space/dash separators) before phones, which they'd overlap.
  [/\b\d(?:[ -]?\d){12,18}\b/g, '[number]'],
  [/\b(?:\d{1,3}\.){3}\d{1,3}\b/g, '[ip]'],
  // IPv6: the full 8-group form or any form with '::' (so clock times like 14:03:00 survive).
  [/\b(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}\b/gi, '[ip]'],
  [/(?:\b[0-9a-f]{1,4})?(?::[0-9a-f]{0,4}){0,6}::(?:[0-9a-f]{1,4}(?::[0-9a-f]{1,4}){0,6})?\b/gi, '[ip]'],
  // Phones: international (+…), "(212) 555-0100", or "212 555 0100"; ISO dates do not match.
  [/\+\d[\d\s().-]{6,}\d/g, '[phone]'],
  [/\(\d{2,4}\)\s?\d[\d\s.-]{4,}\d/g, '[phone]'],
  [/\b\d{3}[\s.-]\d{3}[\s.-]\d{4}\b/g, '[phone]'],
]

export function scrubText(text: string): string {
  let out = text
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement)
  return out
}

export function isPiiKey(key: string): boolean {
  return PII_KEYS.has(key.toLowerCase())
}

/** Deep copy of `value` with personal-data keys replaced and every string scrubbed. */
export function scrubValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubText(value)
  if (value === null || typeof value !== 'object') return value
  if (depth > 8) return '[deep]'
  if (value instanceof Error) {
    return { type: value.name, message: scrubText(value.message), stack: scrubText(value.stack ?? '') }
  }
  if (Array.isArray(value)) return value.map((v) => scrubValue(v, depth + 1))
  const out: Record<string, unknown> = {}
  for (const [key, v] of Object.entries(value)) {
    out[key] = isPiiKey(key) && v !== undefined && v !== null ? REDACTED : scrubValue(v, depth + 1)
  }
  return out
}

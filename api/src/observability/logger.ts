import pino, { type DestinationStream, type Logger } from 'pino'
import { REDACTED, scrubText, scrubValue } from './pii-scrub.js'

export type { Logger } from 'pino'

export interface LoggerOptions {
  level?: string
  /** Where JSON lines go (stdout by default); tests pass a stream to capture them. */
  destination?: DestinationStream
}

/**
 * Fast path for the usual shapes (an order or a customer logged under a known key); the deep
 * key-based scrub in `formatters.log` catches the rest at any depth.
 */
const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'order.customer',
  'order.billingAddress',
  'order.shippingAddress',
  '*.email',
  '*.phone',
  '*.ip',
]

/** A pino JSON logger that never writes personal data (see pii-scrub.ts for what counts). */
export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? process.env.LOG_LEVEL ?? 'info'
  return pino(
    {
      level,
      base: { service: 'verdict-api' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      formatters: {
        level: (label) => ({ level: label }),
        log: (object) => scrubValue(object) as Record<string, unknown>,
      },
      hooks: {
        // Scrub the message and any interpolation arguments, not only the merged object.
        logMethod(args, method) {
          const scrubbed = args.map((a) => (typeof a === 'string' ? scrubText(a) : a))
          return method.apply(this, scrubbed as Parameters<typeof method>)
        },
      },
    },
    options.destination ?? pino.destination({ sync: false }),
  )
}

/** A logger that discards everything (tests that do not look at logs). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' })
}

import { connect, type Socket } from 'node:net'

/** The parsed options postgres.js hands to its `socket` option (the fields used here). */
export interface PostgresSocketOptions {
  host: string[]
  port: number[]
  /** The Unix socket file, when the host is a directory. */
  path?: string | false
  /** Seconds (postgres.js default 30). */
  connect_timeout?: number
}

/**
 * Opens postgres.js's connection socket with TCP_NODELAY, as libpq and the server do on their side.
 * postgres.js leaves Nagle's algorithm on, so a statement written while an earlier one on the same
 * connection is still unacknowledged waits for that ACK. bench:api, open loop at 500/s, six
 * back-to-back pairs (Nagle → no delay): p99 45.6 → 18.2, 13.6 → 10.5, 15.5 → 10.8, 13.9 → 5.9,
 * 11.7 → 16.3, 7.8 → 8.6 ms — better in four, within this VM's noise in two (docs/performance.md).
 *
 * The socket is handed over while it connects, never as a rejected promise: postgres.js drops a
 * connection whose socket option rejects without returning it to its pool, so a few refused
 * connects while the server was down left every later query hanging, also once it was back. A
 * connecting socket fails the way postgres.js's own does (`error`, then `close`: the query is
 * rejected and the connection reconnects next time); its startup message waits in the socket's
 * buffer until the connection is up, and postgres.js's connect_timeout still applies.
 */
export function openPostgresSocket(options: PostgresSocketOptions): Socket {
  return options.path
    ? connect({ path: options.path })
    : connect({ host: options.host[0] ?? 'localhost', port: options.port[0] ?? 5432 }).setNoDelay(true)
}

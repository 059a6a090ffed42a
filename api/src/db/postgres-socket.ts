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
 * postgres.js connects a socket it creates itself; one from this option must arrive connected.
 */
export function openPostgresSocket(options: PostgresSocketOptions): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = options.path
      ? connect({ path: options.path })
      : connect({ host: options.host[0] ?? 'localhost', port: options.port[0] ?? 5432 }).setNoDelay(true)
    const timer = setTimeout(
      () => {
        socket.destroy()
        reject(new Error('connect to PostgreSQL timed out'))
      },
      (options.connect_timeout ?? 30) * 1000,
    )
    const failed = (error: Error) => {
      clearTimeout(timer)
      reject(error)
    }
    socket.once('error', failed)
    socket.once('connect', () => {
      clearTimeout(timer)
      socket.off('error', failed)
      resolve(socket)
    })
  })
}

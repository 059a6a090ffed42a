import { connect, createServer, type Server, type Socket } from 'node:net'

/**
 * A TCP proxy to a real server that a test can cut (every connection dropped, new ones refused) and
 * restore: what a network partition or a database failover looks like from the API's side.
 */
export interface TcpProxy {
  port: number
  cut(): Promise<void>
  /** Resets every open connection (a TCP RST, which the client reads as ECONNRESET); new ones pass. */
  reset(): void
  restore(): Promise<void>
  close(): Promise<void>
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<Socket>()
  let server: Server | null = null
  let port = 0
  const listen = () =>
    new Promise<void>((resolve) => {
      server = createServer((client) => {
        const upstream = connect(target.port, target.host)
        for (const s of [client, upstream]) {
          sockets.add(s)
          s.on('close', () => sockets.delete(s))
          s.on('error', () => {})
        }
        client.pipe(upstream)
        upstream.pipe(client)
        client.on('close', () => upstream.destroy())
        upstream.on('close', () => client.destroy())
      })
      server.listen(port, '127.0.0.1', () => {
        port = (server!.address() as { port: number }).port
        resolve()
      })
    })
  const stop = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy()
      sockets.clear()
      if (!server) return resolve()
      server.close(() => resolve())
      server = null
    })
  await listen()
  return {
    get port() {
      return port
    },
    cut: stop,
    reset: () => {
      for (const s of sockets) s.resetAndDestroy()
    },
    restore: listen,
    close: stop,
  }
}

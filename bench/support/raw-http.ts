import { connect, type Socket } from 'node:net'

const HEADER_END = Buffer.from('\r\n\r\n')

/** Where a complete answer ends in `buf` (its status and length), or null while it is incomplete. */
function parseAnswer(buf: Buffer): { status: number; end: number } | null {
  const headerEnd = buf.indexOf(HEADER_END)
  if (headerEnd < 0) return null
  const head = buf.toString('latin1', 0, headerEnd).toLowerCase()
  const status = Number(head.slice(9, 12))
  const bodyStart = headerEnd + 4
  const length = /\r\ncontent-length:\s*(\d+)/.exec(head)
  if (length) {
    const end = bodyStart + Number(length[1])
    return buf.length >= end ? { status, end } : null
  }
  if (!/\r\ntransfer-encoding:\s*chunked/.test(head)) return { status, end: bodyStart }
  // Chunked: size line, data, CRLF … until the zero-size chunk and its final CRLF.
  let at = bodyStart
  for (;;) {
    const lineEnd = buf.indexOf('\r\n', at)
    if (lineEnd < 0) return null
    const size = Number.parseInt(buf.toString('latin1', at, lineEnd), 16)
    if (size === 0) {
      const end = buf.indexOf(HEADER_END, lineEnd)
      return end < 0 ? null : { status, end: end + 4 }
    }
    at = lineEnd + 2 + size + 2
    if (at > buf.length) return null
  }
}

/** One keep-alive HTTP/1.1 connection, one request at a time. */
class RawConnection {
  #buf: Buffer = Buffer.alloc(0)
  #waiter: { resolve: (status: number) => void; reject: (error: Error) => void } | null = null
  closed = false

  constructor(readonly socket: Socket) {
    socket.setNoDelay(true)
    socket.on('data', (chunk: Buffer) => {
      this.#buf = this.#buf.length === 0 ? chunk : Buffer.concat([this.#buf, chunk])
      const answer = parseAnswer(this.#buf)
      if (!answer || !this.#waiter) return
      this.#buf = this.#buf.subarray(answer.end)
      const waiter = this.#waiter
      this.#waiter = null
      waiter.resolve(answer.status)
    })
    const end = (error?: Error) => {
      this.closed = true
      this.#waiter?.reject(error ?? new Error('connection closed'))
      this.#waiter = null
    }
    socket.on('error', end)
    socket.on('close', () => end())
  }

  send(request: string): Promise<number> {
    return new Promise((resolve, reject) => {
      this.#waiter = { resolve, reject }
      this.socket.write(request)
    })
  }
}

/**
 * A pool of keep-alive connections for an open-loop generator, written straight to sockets: the
 * request is one pre-built string and the answer is read only as far as its status and length.
 * node:http's client objects (ClientRequest, IncomingMessage, header parsing, events) cost the
 * generator ~0.4 ms of CPU per request on the cores it shares with the API and PostgreSQL.
 * At most `maxConnections` are open; a request that finds them all busy waits for the first to free
 * up (first come, first served), as wrk2 does. Without the bound a stalled server met a new
 * connection per late request: 6,473 against an overloaded PGlite, which then reset some of them.
 */
export class RawHttpPool {
  readonly #idle: RawConnection[] = []
  readonly #all = new Set<RawConnection>()
  readonly #waiting: ((conn: RawConnection | null) => void)[] = []
  readonly #head: string
  #opening = 0

  constructor(
    private readonly url: URL,
    headers: Record<string, string>,
    private readonly maxConnections = Number.POSITIVE_INFINITY,
  ) {
    const lines = Object.entries({ host: url.host, ...headers }).map(([k, v]) => `${k}: ${v}\r\n`)
    this.#head = `POST ${url.pathname}${url.search} HTTP/1.1\r\n${lines.join('')}`
  }

  /** POSTs `body` (JSON) and resolves with the answer's status once the whole answer is read. */
  async post(body: string): Promise<number> {
    const conn = await this.#acquire()
    try {
      return await conn.send(`${this.#head}content-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`)
    } finally {
      this.#release(conn)
    }
  }

  async #acquire(): Promise<RawConnection> {
    let conn = this.#idle.pop()
    while (conn?.closed) conn = this.#idle.pop()
    if (conn) return conn
    if (this.#open() < this.maxConnections) {
      this.#opening++
      try {
        return await this.#connect()
      } catch (error) {
        // The slot this request took is free again: a waiting request may try to open it.
        queueMicrotask(() => this.#waiting.shift()?.(null))
        throw error
      } finally {
        this.#opening--
      }
    }
    // null: a connection closed meanwhile, so there is room to open another.
    const freed = await new Promise<RawConnection | null>((resolve) => this.#waiting.push(resolve))
    return freed ?? this.#acquire()
  }

  #release(conn: RawConnection): void {
    const next = this.#waiting.shift()
    if (next) next(conn.closed ? null : conn)
    else if (!conn.closed) this.#idle.push(conn)
  }

  /** Connections open or being opened. */
  #open(): number {
    let open = this.#opening
    for (const conn of this.#all) if (!conn.closed) open++
    return open
  }

  #connect(): Promise<RawConnection> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host: this.url.hostname, port: Number(this.url.port) })
      socket.once('connect', () => {
        const conn = new RawConnection(socket)
        this.#all.add(conn)
        resolve(conn)
      })
      socket.once('error', reject)
    })
  }

  /** Connections opened so far (one per request that found none idle, up to maxConnections open). */
  get opened(): number {
    return this.#all.size
  }

  close(): void {
    for (const conn of this.#all) conn.socket.destroy()
  }
}

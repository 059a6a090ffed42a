// Child process of test/api/postgres-startup-failure.test.ts. A proxy in front of PostgreSQL breaks
// the first connection at the moment postgres.js sends its startup query for the array types
// (FAILURE=reset: a TCP reset; FAILURE=terminate: the ErrorResponse pg_terminate_backend sends, then
// a close; FAILURE=none: nothing) and passes every later connection through. Node ends a process on an unhandled
// rejection, so exiting 0 with the RESULT line is half of what the test checks.
import { connect, createServer } from 'node:net'
import postgres from 'postgres'

const target = new URL(process.env.STARTUP_FAILURE_URL)
const failure = process.env.FAILURE
let broken = false

// The backend's FATAL message for pg_terminate_backend: 'E', length, fields, terminator.
function terminated() {
  const fields = [
    ['S', 'FATAL'],
    ['V', 'FATAL'],
    ['C', '57P01'],
    ['M', 'terminating connection due to administrator command'],
  ]
  const body = Buffer.concat([...fields.map(([k, v]) => Buffer.from(`${k}${v}\0`)), Buffer.from([0])])
  const head = Buffer.alloc(5)
  head.write('E', 0)
  head.writeInt32BE(body.length + 4, 1)
  return Buffer.concat([head, body])
}

const proxy = createServer((client) => {
  const upstream = connect(Number(target.port || 5432), target.hostname)
  client.on('error', () => {})
  upstream.on('error', () => {})
  client.on('data', (chunk) => {
    if (failure !== 'none' && !broken && chunk.includes('typarray')) {
      broken = true
      upstream.destroy()
      if (failure === 'reset') client.resetAndDestroy()
      else client.end(terminated())
      return
    }
    upstream.write(chunk)
  })
  upstream.pipe(client)
  client.on('close', () => upstream.destroy())
  upstream.on('close', () => client.destroy())
})
await new Promise((resolve) => proxy.listen(0, '127.0.0.1', resolve))

const url = new URL(target)
url.port = String(proxy.address().port)
const sql = postgres(url.toString(), { max: 1, onnotice: () => {} })
const outcome = (promise) =>
  promise.then(
    (rows) => ({ ok: rows }),
    (error) => ({ error: error.code ?? error.message }),
  )
// An array parameter is written with the types the startup query reads; without them it fails.
const first = await outcome(sql`select ${sql.array([1, 2])}::int[] as a`)
const second = await outcome(sql`select ${sql.array([1, 2])}::int[] as a`)
// A tick for a rejection that nothing handles to surface (and end the process) before the line.
await new Promise((resolve) => setTimeout(resolve, 100))
process.stdout.write(`RESULT ${JSON.stringify({ broken, first, second })}\n`)
await sql.end()
proxy.close()

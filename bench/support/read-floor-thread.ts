// One read-floor thread: reads its range of orders exactly as a replay chunk does (the same page
// query, pages and connection settings) and parses each document, and does nothing else.
import { parentPort, workerData } from 'node:worker_threads'
import { createDatabase } from '../../api/src/db/database.js'
import { chunkPage, type OrderKey } from '../../api/src/replays/order-source.repository.js'
import { replayReaderUrl } from '../../api/src/replays/replay-reader-url.js'

const { url, clientId, lo, hi, pageSize } = workerData as {
  url: string
  clientId: string
  lo: OrderKey
  hi: OrderKey
  pageSize: number
}
const handle = await createDatabase({ url: replayReaderUrl(url), maxConnections: 2 })
let orders = 0
let keys = 0 // so the parse cannot be optimised away
let from = lo
let inclusive = true
for (;;) {
  const rows = await chunkPage(handle.db, clientId, from, hi, inclusive, pageSize, null)
  for (const row of rows) keys += Object.keys(JSON.parse(row.document)).length
  orders += rows.length
  const last = rows[rows.length - 1]
  if (!last || rows.length < pageSize) break
  from = { at: last.created_at, orderId: last.order_id }
  inclusive = false
}
await handle.close()
parentPort!.postMessage({ orders, keys })

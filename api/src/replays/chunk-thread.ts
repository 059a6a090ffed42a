// A worker thread that runs replay chunks on its own database connection (see chunk-pool.ts).
import { parentPort, workerData } from 'node:worker_threads'
import { createDatabase } from '../db/database.js'
import { sqlState } from '../db/pg-errors.js'
import { type ChunkJob, runChunk } from './chunk-runner.js'
import { replayReaderUrl } from './replay-reader-url.js'

const { url, worker, pageSize } = workerData as { url: string; worker: string; pageSize?: number }
const handle = await createDatabase({ url: replayReaderUrl(url), maxConnections: 2 })

parentPort!.on('message', async (message: ChunkJob | 'close') => {
  if (message === 'close') {
    await handle.close()
    process.exit(0)
  }
  try {
    const outcome = await runChunk(handle.db, message, { worker, ...(pageSize ? { pageSize } : {}) })
    parentPort!.postMessage({ outcome })
  } catch (error) {
    // The SQLSTATE crosses with the message: the replay's reader must not get a database's text.
    parentPort!.postMessage({
      error: error instanceof Error ? error.message : String(error),
      code: sqlState(error),
    })
  }
})
parentPort!.postMessage('ready')

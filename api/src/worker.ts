// `pnpm worker`: takes replay chunks from the pg-boss queue on DATABASE_URL until SIGINT/SIGTERM.
// Run as many as you like, on any machine that reaches the database. REPLAY_THREADS (default: the
// number of CPU cores) sets how many chunks one worker evaluates at a time, one per thread;
// REPLAY_PAGE_SIZE the orders per database page (default 5000).
import { replayThreads, startReplayWorker } from './replays/replay-worker.js'

const url = process.env.DATABASE_URL
if (!url?.startsWith('postgres')) {
  console.error(
    'pnpm worker needs DATABASE_URL=postgres://… (replay workers share a PostgreSQL server; PGlite runs replays inside the API)',
  )
  process.exit(2)
}
const supervise = Number(process.env.REPLAY_SUPERVISE_SECONDS ?? 5)
const pageSize = Number(process.env.REPLAY_PAGE_SIZE ?? 0)
const worker = await startReplayWorker({
  url,
  ...(pageSize > 0 ? { pageSize } : {}),
  threads: replayThreads(),
  superviseIntervalSeconds: supervise,
  log: (message) => console.log(message),
})
let stopping = false
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return
    stopping = true
    console.log(`${signal}: finishing the current chunks, then stopping`)
    worker.stop().then(
      () => process.exit(0),
      (error) => {
        console.error(error)
        process.exit(1)
      },
    )
  })
}

// One machine-probe thread (bench/support/machine-probe.ts): sleeps 1 ms at a time and notes how
// late it woke, and every `fsyncEveryMs` writes 8 KB and waits for fdatasync. It blocks its own
// thread on purpose (Atomics.wait, synchronous I/O), so the bench's event loop is never held up.
import { closeSync, fdatasyncSync, openSync, unlinkSync, writeSync } from 'node:fs'
import { parentPort, workerData } from 'node:worker_threads'

const { file, fsyncEveryMs, stop } = workerData as {
  file: string
  fsyncEveryMs: number
  stop: SharedArrayBuffer
}
const stopFlag = new Int32Array(stop)
const sleeper = new Int32Array(new SharedArrayBuffer(4))
const page = Buffer.alloc(8192, 7)
const fd = openSync(file, 'w')
const clock = () => performance.timeOrigin + performance.now()
// Flat batches of [kind, wall-clock ms, duration ms]: kind 0 = oversleep, 1 = fdatasync.
let batch: number[] = []
let lastSent = clock()
let lastFsync = 0
while (Atomics.load(stopFlag, 0) === 0) {
  const before = clock()
  Atomics.wait(sleeper, 0, 0, 1)
  const after = clock()
  batch.push(0, after, Math.max(0, after - before - 1))
  if (after - lastFsync >= fsyncEveryMs) {
    writeSync(fd, page, 0, page.length, 0)
    fdatasyncSync(fd)
    lastFsync = clock()
    batch.push(1, lastFsync, lastFsync - after)
  }
  if (after - lastSent >= 100) {
    parentPort!.postMessage(batch)
    batch = []
    lastSent = after
  }
}
parentPort!.postMessage(batch)
closeSync(fd)
unlinkSync(file)
parentPort!.postMessage('stopped')

import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { sql } from 'kysely'
import { createDatabase, type DatabaseHandle } from '../../api/src/db/database.js'
import { migrateToLatest } from '../../migrations/index.js'

const ROOT = join(import.meta.dirname, '../..')

/** A fresh migrated database on the TEST_DATABASE_URL server, with its own URL (workers connect to it). */
export async function freshServerDatabase(
  serverUrl: string,
): Promise<{ url: string; handle: DatabaseHandle; drop(): Promise<void> }> {
  const name = `verdict_replay_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`
  const admin = await createDatabase({ url: serverUrl, maxConnections: 1 })
  await sql.raw(`create database ${name}`).execute(admin.db)
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  const handle = await createDatabase({ url: url.toString(), maxConnections: 8 })
  await migrateToLatest(handle.db)
  return {
    url: url.toString(),
    handle,
    drop: async () => {
      await handle.close()
      await sql.raw(`drop database if exists ${name} with (force)`).execute(admin.db)
      await admin.close()
    },
  }
}

export interface WorkerProcess {
  child: ChildProcess
  output: string[]
  /** SIGTERM and wait for a clean exit. */
  stop(): Promise<void>
  /** SIGKILL: the process dies at once, mid-chunk if it is in one. */
  kill(): Promise<void>
}

/** Starts `pnpm worker` (api/src/worker.ts under tsx) against `url`. */
export function startWorkerProcess(url: string, env: Record<string, string> = {}): WorkerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'api/src/worker.ts'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: url, REPLAY_SUPERVISE_SECONDS: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const output: string[] = []
  child.stdout!.on('data', (d) => output.push(String(d)))
  child.stderr!.on('data', (d) => output.push(String(d)))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  return {
    child,
    output,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM')
      await exited
    },
    async kill() {
      if (child.exitCode === null) child.kill('SIGKILL')
      await exited
    },
  }
}

/** A small deterministic PRNG (mulberry32) so the generated history is the same on every run. */
export function prng(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

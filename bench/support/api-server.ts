import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { sql } from 'kysely'
import { createDatabase, type DatabaseHandle } from '../../api/src/db/database.js'

const ROOT = resolve(import.meta.dirname, '../..')

/**
 * The node flags of the API process: the same as `pnpm start` (package.json; a test holds them
 * equal), so the bench measures what runs. A 64 MB young generation, and no allocation-site
 * pretenuring: V8 otherwise marks the request path's allocation sites as long-lived (they survive
 * scavenges during the 32-connection closed loop) and then allocates ~10 KB of every later request
 * directly in the old generation — garbage only a mark-compact frees, and old-to-new pointers that
 * make every scavenge longer. No memory reducer: when the allocation rate falls (traffic drops from a
 * peak, or an idle worker thread ~24 s after start) V8 shrinks the heap with a run of mark-compacts,
 * one every ~1 s at live × 1.1, each stalling the requests of the next 50–180 ms on 2 cores; the
 * heap a server is sized for is better kept (docs/performance.md, "Session 15").
 */
export const API_NODE_FLAGS = [
  '--max-semi-space-size=64',
  '--no-allocation-site-pretenuring',
  '--no-memory-reducer',
] as const

export interface BenchServer {
  baseUrl: string
  adminKey: string
  kind: 'postgres' | 'pglite' | 'naive'
  /** The API process (for its CPU time). */
  pid: number
  /** A direct connection to the bench database (postgres only; PGlite is owned by the server). */
  db: DatabaseHandle['db'] | null
  stop(): Promise<void>
}

async function waitReady(baseUrl: string, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`API exited early with code ${child.exitCode}`)
    try {
      if ((await fetch(`${baseUrl}/readyz`)).ok) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error('API did not become ready in time')
}

/**
 * Starts `api/src/index.ts` in a child process (as `pnpm start` does, minus the seed) on a fresh
 * database: a new database on the PostgreSQL server at `serverUrl`, or PGlite in a temp dir.
 */
export async function startServer(options: {
  serverUrl?: string
  port: number
  /** The API reaches the server through this Unix socket directory instead of TCP. */
  socketDir?: string
  /** Run bench/support/naive-handler.ts (the same-run baseline) instead of the API, with node's defaults. */
  naive?: boolean
}): Promise<BenchServer> {
  const adminKey = `bench-admin-${randomBytes(16).toString('hex')}`
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    PORT: String(options.port),
    HOST: '127.0.0.1',
    ADMIN_API_KEY: adminKey,
    VERDICT_SEED: 'false',
    // Request logs at info cost a write per request; a production deployment would ship them, but
    // here they would mostly measure the pipe to this process.
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    // The limiter still runs on every request (its cost is measured) but never refuses one: the
    // bench's single integrator key sends far more than the default 60,000 a minute.
    RATE_LIMIT_PER_MINUTE: '1000000000',
  }
  let db: DatabaseHandle | null = null
  let cleanup = async () => {}
  if (options.serverUrl) {
    const name = `verdict_bench_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`
    const admin = await createDatabase({ url: options.serverUrl, maxConnections: 1 })
    await sql.raw(`create database ${name}`).execute(admin.db)
    const url = new URL(options.serverUrl)
    url.pathname = `/${name}`
    db = await createDatabase({ url: url.toString(), maxConnections: 2 })
    if (options.socketDir) url.searchParams.set('host', options.socketDir)
    env.DATABASE_URL = url.toString()
    cleanup = async () => {
      await db?.close()
      if (process.env.BENCH_KEEP_DB === '1') console.log(`[bench] kept database ${name}`)
      else await sql.raw(`drop database if exists ${name} with (force)`).execute(admin.db)
      await admin.close()
    }
  } else {
    delete env.DATABASE_URL
    const dir = mkdtempSync(join(tmpdir(), 'verdict-bench-'))
    env.VERDICT_DATA_DIR = dir
    cleanup = async () => rmSync(dir, { recursive: true, force: true })
  }
  // BENCH_PROFILE=dir: write a V8 CPU profile of the API process there (read it with
  // bench/support/profile-summary.ts).
  const profile = process.env.BENCH_PROFILE
    ? ['--cpu-prof', `--cpu-prof-dir=${resolve(process.env.BENCH_PROFILE)}`]
    : []
  // BENCH_NODE_FLAGS='--trace-gc …': extra node flags for the API process, for diagnosis (its stdout,
  // where --trace-gc writes, is then shown).
  const extra = process.env.BENCH_NODE_FLAGS?.split(' ').filter(Boolean) ?? []
  const args = options.naive
    ? ['--import', 'tsx', 'bench/support/naive-handler.ts']
    : [...profile, ...API_NODE_FLAGS, ...extra, '--import', 'tsx', 'api/src/index.ts']
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env,
    stdio: ['ignore', extra.length ? 'inherit' : 'ignore', 'inherit'],
  })
  const baseUrl = `http://127.0.0.1:${options.port}`
  try {
    await waitReady(baseUrl, child)
  } catch (error) {
    child.kill('SIGKILL')
    await cleanup()
    throw error
  }
  return {
    baseUrl,
    adminKey,
    kind: options.naive ? 'naive' : options.serverUrl ? 'postgres' : 'pglite',
    pid: child.pid ?? 0,
    db: db?.db ?? null,
    async stop() {
      const exited = new Promise((r) => child.once('exit', r))
      child.kill('SIGTERM')
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))])
      if (child.exitCode === null) child.kill('SIGKILL')
      await cleanup()
    },
  }
}

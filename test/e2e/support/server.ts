import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ROOT } from '../../studio/support/studio-build.js'

export interface RunningServer {
  url: string
  adminKey: string
  stop: () => Promise<void>
  log: () => string
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port
      srv.close(() => resolve(port))
    })
  })
}

/**
 * Starts the real server (what `pnpm start` runs, without the build) as a child process on a free
 * port, with a seeded PGlite database in a fresh temporary directory.
 */
export async function startServer(): Promise<RunningServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'verdict-e2e-'))
  const port = await freePort()
  const adminKey = `e2e-admin-${randomBytes(16).toString('hex')}`
  let output = ''
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    VERDICT_DATA_DIR: dataDir,
    ADMIN_API_KEY: adminKey,
    VERDICT_SEED: 'true',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
  }
  delete env.DATABASE_URL // always the embedded PGlite in the temporary directory
  const child: ChildProcess = spawn(join(ROOT, 'node_modules/.bin/tsx'), ['api/src/index.ts'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout?.on('data', (d) => (output += d))
  child.stderr?.on('data', (d) => (output += d))
  const url = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 170_000
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`server exited with ${child.exitCode}:\n${output.slice(-3000)}`)
    try {
      const res = await fetch(`${url}/healthz`)
      if (res.ok) break
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`server did not answer /healthz in time:\n${output.slice(-3000)}`)
    }
    await new Promise((r) => setTimeout(r, 300))
  }
  return {
    url,
    adminKey,
    log: () => output,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r))
        child.kill('SIGTERM')
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))])
        if (child.exitCode === null) child.kill('SIGKILL')
      }
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

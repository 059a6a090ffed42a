import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, rmdirSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'

export const ROOT = resolve(import.meta.dirname, '../../..')
export const DIST = join(ROOT, 'studio/dist')
const INPUTS = [
  'studio/src',
  'studio/index.html',
  'studio/vite.config.ts',
  'studio/package.json',
  'engine/src',
  'rules/policy.schema.json',
]
const LOCK = join(ROOT, 'studio/.build-lock')

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0
  const st = statSync(path)
  if (!st.isDirectory()) return st.mtimeMs
  let newest = st.mtimeMs
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)))
  return newest
}

/** True when studio/dist is missing or older than any of its sources. */
export function studioBuildIsStale(): boolean {
  const built = join(DIST, 'index.html')
  if (!existsSync(built) || !existsSync(join(DIST, '.vite/manifest.json'))) return true
  const builtAt = statSync(built).mtimeMs
  return INPUTS.some((p) => newestMtime(join(ROOT, p)) > builtAt)
}

async function withLock<T>(fn: () => T): Promise<T> {
  // mkdir is atomic: the studio and e2e projects may both want a build at the same moment.
  const deadline = Date.now() + 300_000
  for (;;) {
    try {
      mkdirSync(LOCK)
      break
    } catch {
      // A lock left by a killed run (older than any build takes) is taken over.
      if (existsSync(LOCK) && Date.now() - statSync(LOCK).mtimeMs > 360_000) rmdirSync(LOCK)
      if (Date.now() > deadline) throw new Error(`studio build lock ${LOCK} held for 5 minutes; remove it`)
      await new Promise((r) => setTimeout(r, 500))
    }
  }
  try {
    return fn()
  } finally {
    rmdirSync(LOCK)
  }
}

/** Builds the studio (vite build) when its dist is missing or stale; returns whether it built. */
export async function ensureStudioBuild(): Promise<boolean> {
  if (!studioBuildIsStale()) return false
  return withLock(() => {
    if (!studioBuildIsStale()) return false
    // vitest sets NODE_ENV=test, which Vite would honour and ship React's development build.
    const env = { ...process.env, NODE_ENV: 'production' }
    execFileSync('pnpm', ['--filter', '@verdict/studio', 'build'], {
      cwd: ROOT,
      env,
      stdio: 'pipe',
      timeout: 300_000,
    })
    return true
  })
}

// The closed loop's light generator: Debian's `wrk` (C, one epoll thread) with closed-loop.lua,
// instead of autocannon in the bench's own Node process. On the bench's 2 cores the generator
// competes with the API and PostgreSQL for CPU; autocannon spent 0.18–0.30 CPU-ms per request
// against wrk's 0.05–0.06 (docs/performance.md, session 9).
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { processCpuMs } from './cpu.js'
import {
  type ClosedLoopOptions,
  type ClosedLoopResult,
  OPEN_LOOP_CONNECTIONS,
  type OpenLoopOptions,
  type OpenLoopResult,
  openLoopResult,
} from './load.js'

const SCRIPT = new URL('./closed-loop.lua', import.meta.url).pathname
const OPEN_SCRIPT = new URL('./open-loop.lua', import.meta.url).pathname

/** True when a `wrk` binary is on the PATH. */
export function hasWrk(): boolean {
  return spawnSync('sh', ['-c', 'command -v wrk'], { stdio: 'ignore' }).status === 0
}

interface WrkResult {
  sent: number
  ok: number
  failed: number
  ms: number
  p50Us: number
  p99Us: number
  socketErrors: number
}

/** The result line closed-loop.lua's done() prints. */
export function parseWrkResult(stdout: string): WrkResult {
  const line = stdout.split('\n').find((l) => l.startsWith('WRK_RESULT '))
  if (!line) throw new Error(`wrk printed no result:\n${stdout}`)
  return JSON.parse(line.slice('WRK_RESULT '.length)) as WrkResult
}

/**
 * `amount` requests (bodies from `bodies()`, each sent once) over `connections` keep-alive
 * connections, each sending its next request as soon as its answer arrives. `maxSeconds` bounds
 * the run when answers stop coming.
 */
export async function wrkClosedLoop(
  options: ClosedLoopOptions & { maxSeconds?: number },
): Promise<ClosedLoopResult> {
  const dir = mkdtempSync(join(tmpdir(), 'verdict-wrk-'))
  try {
    const file = join(dir, 'bodies.ndjson')
    const lines: string[] = []
    for (let i = 0; i < options.amount; i++) lines.push(options.bodies())
    writeFileSync(file, `${lines.join('\n')}\n`)
    const url = new URL(options.url)
    const { code, stdout, stderr, cpuMs } = await runWrk([
      '-t1',
      `-c${options.connections}`,
      // The run ends at its last answer; -d only bounds a stalled server (by default an average of
      // 20/s), whose unanswered requests then count as errors.
      `-d${options.maxSeconds ?? 60 + Math.ceil(options.amount / 20)}s`,
      '--timeout=60s',
      '-s',
      SCRIPT,
      url.origin,
      '--',
      file,
      url.pathname,
      options.key,
    ])
    if (code !== 0) throw new Error(`wrk exited with ${code}: ${stderr}`)
    const result = parseWrkResult(stdout)
    const seconds = result.ms / 1000
    return {
      requests: result.sent,
      ok: result.ok,
      non2xx: result.failed,
      errors: result.socketErrors + (result.sent - result.ok - result.failed),
      seconds,
      perSecond: result.ok / seconds,
      p50Ms: result.p50Us / 1000,
      p99Ms: result.p99Us / 1000,
      generatorCpuMsPerRequest: cpuMs / Math.max(1, result.sent),
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/**
 * The open loop (OpenLoopResult, as nodeOpenLoop in load.ts measures it) sent by wrk with
 * open-loop.lua: the same due times and the same latency from each request's due time, at ~0.19
 * CPU-ms per request where the Node generator spent ~0.5 on these VMs (its timer and socket
 * wake-ups), CPU the API and PostgreSQL share with it. A request never answered (a stalled server
 * that outlasts -d) counts as failed, with an infinite latency.
 */
export async function wrkOpenLoop(options: OpenLoopOptions): Promise<OpenLoopResult> {
  const dir = mkdtempSync(join(tmpdir(), 'verdict-wrk-'))
  try {
    const total = Math.round(options.rate * options.seconds)
    const bodies = join(dir, 'bodies.ndjson')
    const output = join(dir, 'answers.txt')
    const lines: string[] = []
    for (let i = 0; i < total; i++) lines.push(options.bodies())
    writeFileSync(bodies, `${lines.join('\n')}\n`)
    const url = new URL(options.url)
    const connections = options.maxConnections ?? OPEN_LOOP_CONNECTIONS
    const { code, stderr, cpuMs } = await runWrk([
      '-t1',
      `-c${connections}`,
      // Bounds only a stalled server, as the closed loop's: a slow one (PGlite falls behind at 500/s
      // and answers ~100/s) is waited for, down to an average of 20/s.
      `-d${60 + Math.ceil(total / 20)}s`,
      '--timeout=60s',
      '-s',
      OPEN_SCRIPT,
      url.origin,
      '--',
      bodies,
      url.pathname,
      options.key,
      String(options.rate),
      output,
    ])
    if (code !== 0) throw new Error(`wrk exited with ${code}: ${stderr}`)
    const latencies = new Float64Array(total).fill(Number.POSITIVE_INFINITY)
    const sendLag = new Float64Array(total).fill(Number.POSITIVE_INFINITY)
    let ok = 0
    let seconds = options.seconds
    for (const line of readFileSync(output, 'utf8').split('\n')) {
      const [kind, k, ms, status] = line.split(' ')
      const i = Number(k) - 1
      if (kind === 'S') sendLag[i] = Number(ms)
      else if (kind === 'R') {
        latencies[i] = Number(ms)
        if (status === '200') ok++
      } else if (kind === 'E') seconds = Number(k) / 1000
    }
    return openLoopResult({
      rate: options.rate,
      latencies,
      sendLag,
      ok,
      failed: total - ok,
      seconds,
      connections,
      generatorCpuMs: cpuMs,
    })
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/**
 * Runs wrk until its script (closed-loop.lua, open-loop.lua) says every request is answered, then interrupts it: wrk's main
 * thread would otherwise sleep out -d. SIGINT may land on the finished worker thread, which does not
 * wake the main one, so it is repeated until wrk exits. Its CPU is read first, with the work done.
 */
function runWrk(
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string; cpuMs: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn('wrk', args, { stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    // NaN when wrk ended by -d (a stalled server): it is gone before its CPU can be read.
    let cpuMs = Number.NaN
    let interrupt: NodeJS.Timeout | undefined
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString()
      if (interrupt === undefined && stdout.includes('WRK_FINISHED\n') && child.pid !== undefined) {
        cpuMs = processCpuMs(child.pid)
        child.kill('SIGINT')
        interrupt = setInterval(() => child.kill('SIGINT'), 50)
      }
    })
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString()
    })
    child.on('error', reject)
    child.on('close', (code) => {
      clearInterval(interrupt)
      resolve({ code, stdout, stderr, cpuMs })
    })
  })
}

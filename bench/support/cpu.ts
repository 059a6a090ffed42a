// CPU cost per decision: CPU time (user + system) of the API process and of the PostgreSQL
// processes serving it, read from /proc before and after a load phase. Unlike wall-clock
// throughput this barely moves when other work shares the machine, so it is the number to compare
// between runs on a busy box.
import { readFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { sql } from 'kysely'
import type { DatabaseHandle } from '../../api/src/db/database.js'

// USER_HZ: 100 on every Linux we run on (getconf CLK_TCK).
const TICK_MS = 10

/** utime and stime of one process in ms, or 0 when it is gone (or /proc is unavailable). */
function processTimes(pid: number): { user: number; system: number } {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // Fields after the ")" closing the command name: state is field 3, utime 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return { user: Number(fields[11]) * TICK_MS, system: Number(fields[12]) * TICK_MS }
  } catch {
    return { user: 0, system: 0 }
  }
}

/** utime + stime of one process in ms, or 0 when it is gone (or /proc is unavailable). */
export function processCpuMs(pid: number): number {
  const { user, system } = processTimes(pid)
  return user + system
}

export interface CpuSnapshot {
  apiMs: number
  /** Of apiMs, time in the kernel (socket reads and writes mostly). */
  apiSystemMs: number
  backendsMs: number
  /** WAL writer, checkpointer, background writer: shared with anyone else using the server. */
  auxMs: number
  backendPids: number[]
  auxPids: number[]
  at: number
}

export interface CpuCost {
  apiMsPerDecision: number
  apiSystemMsPerDecision: number
  pgBackendsMsPerDecision: number
  pgAuxMsPerDecision: number
  totalMsPerDecision: number
  /** CPU cores busy on average over the phase (API + postgres). */
  coresBusy: number
  loadAverage1m: number
}

async function pgPids(db: DatabaseHandle['db'] | null): Promise<{ backends: number[]; aux: number[] }> {
  if (!db) return { backends: [], aux: [] }
  const { rows } = await sql<{ pid: number; backend: boolean }>`
    select pid, (datname = current_database()) as backend from pg_stat_activity
    where pid <> pg_backend_pid()
      and (datname = current_database()
        or backend_type in ('walwriter', 'checkpointer', 'background writer'))`.execute(db)
  return {
    backends: rows.filter((r) => r.backend).map((r) => r.pid),
    aux: rows.filter((r) => !r.backend).map((r) => r.pid),
  }
}

const sum = (pids: number[]) => pids.reduce((s, pid) => s + processCpuMs(pid), 0)

/** Call after warm-up (so the pool's backends exist) and right before the phase. */
export async function cpuBefore(apiPid: number, db: DatabaseHandle['db'] | null): Promise<CpuSnapshot> {
  const { backends, aux } = await pgPids(db)
  return {
    apiMs: processCpuMs(apiPid),
    apiSystemMs: processTimes(apiPid).system,
    backendsMs: sum(backends),
    auxMs: sum(aux),
    backendPids: backends,
    auxPids: aux,
    at: performance.now(),
  }
}

export function cpuAfter(apiPid: number, before: CpuSnapshot, decisions: number): CpuCost {
  const apiMs = processCpuMs(apiPid) - before.apiMs
  const apiSystemMs = processTimes(apiPid).system - before.apiSystemMs
  const backendsMs = sum(before.backendPids) - before.backendsMs
  const auxMs = sum(before.auxPids) - before.auxMs
  const n = Math.max(1, decisions)
  const wallMs = performance.now() - before.at
  return {
    apiMsPerDecision: apiMs / n,
    apiSystemMsPerDecision: apiSystemMs / n,
    pgBackendsMsPerDecision: backendsMs / n,
    pgAuxMsPerDecision: auxMs / n,
    totalMsPerDecision: (apiMs + backendsMs + auxMs) / n,
    coresBusy: (apiMs + backendsMs + auxMs) / wallMs,
    loadAverage1m: loadavg()[0] ?? Number.NaN,
  }
}

export function formatCpu(cost: CpuCost): string {
  const f = (x: number) => x.toFixed(3)
  return `CPU-ms/decision: API ${f(cost.apiMsPerDecision)} (kernel ${f(cost.apiSystemMsPerDecision)}) + pg backends ${f(cost.pgBackendsMsPerDecision)} + pg aux ${f(cost.pgAuxMsPerDecision)} = ${f(cost.totalMsPerDecision)} (${cost.coresBusy.toFixed(2)} cores busy; load avg ${cost.loadAverage1m.toFixed(2)})`
}

import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'

const TICK_MS = 10 // USER_HZ is 100 on Linux

// Backends of the database, found once a second at most (scanning /proc every poll cost more CPU
// than it measured).
let pids: string[] = []
let listedAt = 0
function backendPids(database: string): string[] {
  if (Date.now() - listedAt < 1000) return pids
  listedAt = Date.now()
  try {
    pids = execFileSync('pgrep', ['-f', `^postgres: .* ${database} `], { encoding: 'utf8' })
      .split('\n')
      .filter((p) => p !== '')
  } catch {
    pids = [] // pgrep exits 1 when nothing matches
  }
  return pids
}

/** utime + stime (ms) of every PostgreSQL backend connected to `database`, by pid (Linux /proc). */
function backends(database: string): Map<number, number> {
  const out = new Map<number, number>()
  for (const entry of backendPids(database)) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      out.set(Number(entry), (Number(fields[11]) + Number(fields[12])) * TICK_MS)
    } catch {
      // the process ended between readdir and read
    }
  }
  return out
}

/**
 * CPU time the database's backends spend from now on: call sample() now and then (backends that
 * appear later count from 0) and total() at the end, before the connections close.
 */
export function backendCpu(database: string) {
  const first = backends(database)
  const last = new Map(first)
  const sample = () => {
    for (const [pid, ms] of backends(database)) {
      if (!first.has(pid)) first.set(pid, 0)
      last.set(pid, ms)
    }
  }
  return {
    sample,
    total(): number {
      sample()
      let ms = 0
      for (const [pid, end] of last) ms += end - (first.get(pid) ?? 0)
      return ms
    },
  }
}

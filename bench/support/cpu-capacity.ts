// How much CPU work this machine does with both of its cores busy, against one core alone. The two
// vCPUs of these VMs are not always two whole cores: on 2026-11-28 two spinning processes took 1,978
// and 2,975 ms for what took 1,997 ms alone (~1.35 cores' worth), and minutes later 2,046 and 2,090
// against 2,003 (~1.95). A loaded run's "cores busy" cannot pass what the host gives at the time; this
// is one snapshot of it, taken before the servers start.
import { spawn } from 'node:child_process'

// A fixed amount of integer work (~0.4 s on these VMs); prints its wall time in ms.
const SPIN = `const t=performance.now();let x=0;for(let i=0;i<6e8;i++)x+=i&1;process.stdout.write(String(performance.now()-t+(x<0?1:0)))`

function spin(): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', SPIN], { stdio: ['ignore', 'pipe', 'inherit'] })
    let out = ''
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString()
    })
    child.on('error', reject)
    child.on('close', (code) =>
      code === 0 ? resolve(Number(out)) : reject(new Error(`spin exited ${code}`)),
    )
  })
}

export interface CpuCapacity {
  /** Wall ms of the work alone (best of two). */
  aloneMs: number
  /** Wall ms of each of two copies run at once. */
  pairMs: [number, number]
  /** Work done per unit of time with both cores busy, in units of one core alone (2 = two whole cores). */
  effectiveCores: number
}

export async function measureCpuCapacity(): Promise<CpuCapacity> {
  const aloneMs = Math.min(await spin(), await spin())
  const pairMs = (await Promise.all([spin(), spin()])) as [number, number]
  return { aloneMs, pairMs, effectiveCores: (2 * aloneMs) / Math.max(...pairMs) }
}

export function formatCpuCapacity(c: CpuCapacity): string {
  const f = (x: number) => x.toFixed(0)
  return `the same work took ${f(c.aloneMs)} ms alone and ${f(c.pairMs[0])} / ${f(c.pairMs[1])} ms as two at once: both cores busy do ${c.effectiveCores.toFixed(2)} cores' worth of one alone`
}

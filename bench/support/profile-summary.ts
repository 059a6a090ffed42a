// Summarises a V8 .cpuprofile: self time by package/area and the top functions.
// Usage: tsx bench/support/profile-summary.ts <file.cpuprofile> [top=25] [skip=<regex>]
// skip: drop samples whose stack has a frame (function name or url) matching it, e.g.
// skip=imports to leave out the bench's history import.
import { readFileSync } from 'node:fs'

interface Node {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  children?: number[]
}
const [file, topArg, skipArg] = process.argv.slice(2)
const skip = skipArg?.startsWith('skip=') ? new RegExp(skipArg.slice(5)) : null
if (!file) throw new Error('usage: profile-summary <file.cpuprofile> [top]')
const profile = JSON.parse(readFileSync(file, 'utf8')) as {
  nodes: Node[]
  samples: number[]
  timeDeltas: number[]
}
const byId = new Map(profile.nodes.map((n) => [n.id, n]))
const parent = new Map<number, number>()
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
function skipped(id: number): boolean {
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const f = byId.get(at)!.callFrame
    if (skip!.test(f.functionName) || skip!.test(f.url)) return true
  }
  return false
}
const self = new Map<number, number>()
for (const [i, id] of profile.samples.entries()) {
  if (skip && skipped(id)) continue
  self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0))
}
const total = [...self.values()].reduce((a, b) => a + b, 0)

function area(url: string, name: string): string {
  if (!url)
    return name === '(idle)' || name === '(program)' || name === '(garbage collector)' ? name : '(native)'
  const pnpm = url.match(/node_modules\/\.pnpm\/([^/]+)/)
  if (pnpm) return pnpm[1]!.replace(/@[\d.]+.*$/, '').replace(/^@?([^+]+)\+/, '@$1/')
  const nm = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/)
  if (nm) return nm[1]!
  const ours = url.match(/\/work\/main\/(\w+\/src\/[^/]+)/)
  if (ours) return ours[1]!
  return url.startsWith('node:') ? 'node:internal' : url.replace(/^file:\/\//, '').slice(-60)
}
const areas = new Map<string, number>()
const funcs = new Map<string, number>()
for (const [id, t] of self) {
  const n = byId.get(id)!
  const a = area(n.callFrame.url, n.callFrame.functionName)
  areas.set(a, (areas.get(a) ?? 0) + t)
  const file = n.callFrame.url.split('/').pop() ?? ''
  const key = `${n.callFrame.functionName || '(anonymous)'}  ${a} ${file}:${n.callFrame.lineNumber + 1}`
  funcs.set(key, (funcs.get(key) ?? 0) + t)
}
const pct = (t: number) => `${((100 * t) / total).toFixed(1).padStart(5)}%`
console.log(`total ${(total / 1e6).toFixed(1)} s sampled\n\nself time by area:`)
for (const [a, t] of [...areas].sort((x, y) => y[1] - x[1]).slice(0, 25)) console.log(`${pct(t)}  ${a}`)
console.log('\ntop functions (self):')
for (const [f, t] of [...funcs].sort((x, y) => y[1] - x[1]).slice(0, Number(topArg ?? 25)))
  console.log(`${pct(t)}  ${f}`)

import { readFile } from 'node:fs/promises'
import type { CliIo } from '../../../engine/src/cli/io.js'
import { main } from '../../../engine/src/cli/main.js'

export interface Captured {
  code: number
  out: string
  err: string
}

/** Runs the CLI in-process; `files` are virtual files, anything else is read from disk. */
export async function run(argv: string[], files: Record<string, unknown> = {}): Promise<Captured> {
  const out: string[] = []
  const err: string[] = []
  const io: CliIo = {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    readFile: async (path) => {
      const virtual = files[path]
      if (virtual === undefined) return readFile(path, 'utf8')
      return typeof virtual === 'string' ? virtual : JSON.stringify(virtual, null, 2)
    },
  }
  const code = await main(argv, io)
  return { code, out: out.join('\n'), err: err.join('\n') }
}

export const ACME = 'rules/acme-apparel.policy.json'
export const acmeSample = (name: string) => `rules/acme-apparel.samples/${name}.json`

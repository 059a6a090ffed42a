import { execFile } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'

const exec = promisify(execFile)
const TSX = join('node_modules', '.bin', 'tsx')

async function spawnCli(args: string[]): Promise<{ code: number; stdout: string }> {
  try {
    const { stdout } = await exec(TSX, ['engine/src/cli/main.ts', ...args])
    return { code: 0, stdout }
  } catch (e) {
    const failed = e as { code: number; stdout: string }
    return { code: failed.code, stdout: failed.stdout }
  }
}

// The real process (what `pnpm verdict` runs): its exit code is the one main() returns.
describe('engine/src/cli/main.ts as a process', () => {
  it('exits 0 for a clean policy and 1 for an invalid one', async () => {
    const bad = join(tmpdir(), `verdict-cli-${process.pid}.policy.json`)
    writeFileSync(bad, JSON.stringify({ schemaVersion: 1, settings: {}, rules: [] }))
    const [ok, invalid] = await Promise.all([
      spawnCli(['lint', 'rules/fresh-cellar.policy.json']),
      spawnCli(['lint', bad]),
    ])
    expect(ok.code).toBe(0)
    expect(ok.stdout).toContain('valid (')
    expect(invalid.code).toBe(1)
    expect(invalid.stdout).toContain('$.settings.thresholds')
  }, 30_000)
})

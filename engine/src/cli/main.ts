import { realpathSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { CliInputError, type CliIo, nodeIo } from './io.js'
import { lintCommand } from './lint-command.js'
import { simulateCommand } from './simulate-command.js'

export const USAGE = `Usage:
  verdict lint <policy.json> [--json]
      Validate a policy: every error and warning with its JSON path and line:column.
      Exit 1 when the policy is invalid, 0 otherwise.
  verdict simulate <policy.json> <order.json> [--data data.json] [--lists lists.json]
                   [--catalog catalog.json] [--json]
      Evaluate one order (or a rules/<client>.samples/*.json sample) and print the decision with
      a trace. <client>.lists.json and <client>.catalog.json beside the policy are used unless
      --lists/--catalog name other files. Exit 1 when the policy or order is invalid or a
      sample's expected decision does not hold.
  verdict help`

/**
 * The CLI entry point, callable in-process: returns the exit code instead of exiting.
 * Exit 2 = usage error or a file that cannot be read or parsed.
 *
 * @example
 * const code = await main(['lint', 'rules/acme-apparel.policy.json'], nodeIo)
 */
export async function main(argv: readonly string[], io: CliIo = nodeIo): Promise<number> {
  const [command, ...rest] = argv
  try {
    if (command === 'lint') {
      const { values, positionals } = parseArgs({
        args: rest,
        options: { json: { type: 'boolean', default: false } },
        allowPositionals: true,
      })
      if (positionals.length !== 1) return usageError(io, 'lint needs exactly one policy file')
      return await lintCommand(io, positionals[0]!, { json: values.json })
    }
    if (command === 'simulate') {
      const { values, positionals } = parseArgs({
        args: rest,
        options: {
          json: { type: 'boolean', default: false },
          data: { type: 'string' },
          lists: { type: 'string' },
          catalog: { type: 'string' },
        },
        allowPositionals: true,
      })
      if (positionals.length !== 2) return usageError(io, 'simulate needs a policy file and an order file')
      const [policy, order] = positionals as [string, string]
      return await simulateCommand(io, { policy, order, ...values })
    }
    if (command === 'help' || command === '--help' || command === '-h') {
      io.out(USAGE)
      return 0
    }
    return usageError(io, command ? `unknown command "${command}"` : 'no command given')
  } catch (e) {
    if (e instanceof CliInputError) {
      io.err(`verdict: ${e.message}`)
      return 2
    }
    // parseArgs reports unknown or malformed options as TypeErrors with a readable message
    if (e instanceof TypeError && 'code' in e && String(e.code).startsWith('ERR_PARSE_ARGS')) {
      return usageError(io, e.message)
    }
    throw e
  }
}

function usageError(io: CliIo, message: string): number {
  io.err(`verdict: ${message}`)
  io.err(USAGE)
  return 2
}

function isEntryPoint(): boolean {
  const script = process.argv[1]
  if (!script) return false
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url))
  } catch {
    return false
  }
}

if (isEntryPoint()) {
  // `verdict simulate … | head` closes the pipe early; that is not an error worth a stack trace
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0)
    throw e
  })
  process.exitCode = await main(process.argv.slice(2))
}

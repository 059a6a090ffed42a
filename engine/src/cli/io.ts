import { readFile } from 'node:fs/promises'

/**
 * Everything the CLI does to the outside world. `main` takes it as a parameter so tests run the
 * CLI in-process with captured output; the CLI is the only part of engine/ that does file I/O.
 */
export interface CliIo {
  out(line: string): void
  err(line: string): void
  readFile(path: string): Promise<string>
}

export const nodeIo: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  readFile: (path) => readFile(path, 'utf8'),
}

/** A file the user named could not be used; `main` prints the message and exits 2. */
export class CliInputError extends Error {}

export interface JsonFile {
  path: string
  text: string
  value: unknown
}

export async function readJsonFile(io: CliIo, path: string): Promise<JsonFile> {
  let text: string
  try {
    text = await io.readFile(path)
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message
    throw new CliInputError(`${path}: cannot read (${reason})`)
  }
  try {
    return { path, text, value: JSON.parse(text) }
  } catch (e) {
    throw new CliInputError(`${path}: not valid JSON (${(e as Error).message})`)
  }
}

/** Like readJsonFile, but a missing file is `undefined` (the optional files beside a policy). */
export async function readOptionalJsonFile(io: CliIo, path: string): Promise<JsonFile | undefined> {
  try {
    await io.readFile(path)
  } catch {
    return undefined
  }
  return readJsonFile(io, path)
}

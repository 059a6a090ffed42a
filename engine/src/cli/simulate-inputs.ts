import type { z } from 'zod'
import type { CatalogItem } from '../facts/client-data.js'
import {
  type ClientDataInput,
  catalogFileSchema,
  clientDataInputSchema,
  type ListsFile,
  listsFileSchema,
} from './client-data-input.js'
import { CliInputError, type CliIo, type JsonFile, readJsonFile, readOptionalJsonFile } from './io.js'
import { toJsonPath } from './json-location.js'

/** A sample file (rules/<client>.samples/*.json) carries its order, data and expected decision. */
export interface SampleExpectation {
  outcome: string
  score: number
  reasons: string[]
}

export interface SimulateInputs {
  order: unknown
  data: ClientDataInput | undefined
  lists: ListsFile | undefined
  catalog: CatalogItem[] | undefined
  expected: SampleExpectation | undefined
}

export interface SimulateFiles {
  policy: string
  order: string
  data?: string | undefined
  lists?: string | undefined
  catalog?: string | undefined
}

function parseWith<T>(schema: z.ZodType<T>, file: JsonFile, what: string): T {
  const parsed = schema.safeParse(file.value)
  if (parsed.success) return parsed.data
  const first = parsed.error.issues[0]
  const where = first ? ` at ${toJsonPath(first.path as (string | number)[])}: ${first.message}` : ''
  throw new CliInputError(`${file.path}: not a valid ${what}${where}`)
}

/** `rules/acme.policy.json` → `rules/acme.lists.json` (and `.catalog.json`): the seeder's convention. */
export function besidePolicy(policyPath: string, kind: 'lists' | 'catalog'): string | undefined {
  return policyPath.endsWith('.policy.json')
    ? policyPath.replace(/\.policy\.json$/, `.${kind}.json`)
    : undefined
}

const isSample = (v: unknown): v is { order: unknown; data?: unknown; expected?: SampleExpectation } =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && 'order' in v && !('id' in v)

/**
 * Reads the order (a bare order, or a sample with `order`/`data`/`expected`), the data file, and the
 * client's lists and catalog: explicit `--lists`/`--catalog` files, else the ones beside the policy.
 */
export async function readSimulateInputs(io: CliIo, files: SimulateFiles): Promise<SimulateInputs> {
  const orderFile = await readJsonFile(io, files.order)
  const sample = isSample(orderFile.value) ? orderFile.value : undefined
  let data: ClientDataInput | undefined
  if (files.data) data = parseWith(clientDataInputSchema, await readJsonFile(io, files.data), 'data file')
  else if (sample?.data !== undefined) {
    data = parseWith(clientDataInputSchema, { ...orderFile, value: sample.data }, 'sample "data"')
  }
  const listsPath = files.lists ?? besidePolicy(files.policy, 'lists')
  const catalogPath = files.catalog ?? besidePolicy(files.policy, 'catalog')
  const read = (path: string | undefined, explicit: boolean) =>
    path === undefined ? undefined : explicit ? readJsonFile(io, path) : readOptionalJsonFile(io, path)
  const listsFile = await read(listsPath, files.lists !== undefined)
  const catalogFile = await read(catalogPath, files.catalog !== undefined)
  return {
    order: sample ? sample.order : orderFile.value,
    data,
    lists: listsFile ? parseWith(listsFileSchema, listsFile, 'lists file') : undefined,
    catalog: catalogFile ? parseWith(catalogFileSchema, catalogFile, 'catalog file') : undefined,
    expected: sample?.expected,
  }
}

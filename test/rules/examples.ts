import { readdirSync, readFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import {
  type ClientDataInput,
  catalogFileSchema,
  clientDataInputSchema,
  type ListsFile,
  listsFileSchema,
} from '../../engine/src/cli/client-data-input.js'
import type { Outcome } from '../../engine/src/evaluate/result.types.js'
import type { CatalogItem } from '../../engine/src/facts/client-data.js'
import type { DeliveryEstimate } from '../../engine/src/facts/facts.types.js'

/** The rules/ folder and its file conventions (rules/README.md). */
export const RULES_DIR = join(import.meta.dirname, '..', '..', 'rules')

export interface SampleExpectation {
  outcome: Outcome
  score: number
  reasons: string[]
  tags?: string[]
  estimatedDelivery?: DeliveryEstimate
}

export interface Sample {
  file: string
  description: string
  order: unknown
  data?: ClientDataInput
  expected: SampleExpectation
}

export interface Example {
  client: string
  policy: unknown
  catalog: CatalogItem[] | undefined
  lists: ListsFile | undefined
  samples: Sample[]
}

const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'))

function readOptional<T>(path: string, parse: (raw: unknown) => T): T | undefined {
  try {
    return parse(readJson(path))
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw e
  }
}

function readSamples(dir: string): Sample[] {
  let files: string[]
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.json'))
  } catch {
    return []
  }
  return files.sort().map((file) => {
    const raw = readJson(join(dir, file)) as Omit<Sample, 'file'>
    const data = raw.data === undefined ? undefined : clientDataInputSchema.parse(raw.data)
    return { ...raw, data, file }
  })
}

/** Every `rules/<client>.policy.json` with its catalog, lists and samples. */
export function loadExamples(): Example[] {
  return readdirSync(RULES_DIR)
    .filter((f) => f.endsWith('.policy.json'))
    .sort()
    .map((file) => {
      const client = basename(file, '.policy.json')
      return {
        client,
        policy: readJson(join(RULES_DIR, file)),
        catalog: readOptional(join(RULES_DIR, `${client}.catalog.json`), (r) => catalogFileSchema.parse(r)),
        lists: readOptional(join(RULES_DIR, `${client}.lists.json`), (r) => listsFileSchema.parse(r)),
        samples: readSamples(join(RULES_DIR, `${client}.samples`)),
      }
    })
}

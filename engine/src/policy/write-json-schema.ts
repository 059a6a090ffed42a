// Node-only runner for `pnpm schema:write` (not exported by the engine, which stays I/O-free).
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { serializePolicyJsonSchema } from './generate-json-schema.js'

const target = fileURLToPath(new URL('../../../rules/policy.schema.json', import.meta.url))
writeFileSync(target, serializePolicyJsonSchema())
console.log(`wrote ${target}`)

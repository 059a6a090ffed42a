// `pnpm db:migrate` / `pnpm db:migrate:down`: applies all pending migrations, or reverts the last
// one. Uses DATABASE_URL when set, else the PGlite data directory (VERDICT_DATA_DIR or ./.data).
import { join } from 'node:path'
import { createDatabase } from '../api/src/db/database.js'
import { createMigrator } from './index.js'

const direction = process.argv[2] ?? 'up'
if (direction !== 'up' && direction !== 'down') {
  console.error(`usage: migrate.ts up|down (got ${direction})`)
  process.exit(2)
}

const handle = await createDatabase({
  url: process.env.DATABASE_URL,
  dataDir: join(process.env.VERDICT_DATA_DIR ?? '.data', 'pglite'),
})
const migrator = createMigrator(handle.db)
const { error, results } =
  direction === 'up' ? await migrator.migrateToLatest() : await migrator.migrateDown()
for (const result of results ?? []) {
  console.log(`${result.status === 'Success' ? 'ok' : 'FAILED'} ${result.direction} ${result.migrationName}`)
}
if (!results?.length && !error) console.log('nothing to do')
await handle.close()
if (error) {
  console.error('migration failed:', error instanceof Error ? error.message : error)
  process.exit(1)
}

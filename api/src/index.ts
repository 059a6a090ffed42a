// Node entry (`pnpm start`): read env, open the database (PGlite in .data/ or DATABASE_URL), migrate,
// seed the demo once, print the admin key and URLs, and serve the API (+ the studio build) on PORT.
import { join, resolve } from 'node:path'
import { migrateToLatest } from '../../migrations/index.js'
import { adminKeyLines, resolveAdminKey } from './admin-key.js'
import { createApp } from './app.js'
import type { AppDeps } from './context.js'
import { createDatabase } from './db/database.js'
import { parseEnv } from './env.js'
import { serveApi } from './http/serve.js'
import { createLogger } from './observability/logger.js'
import { startQueueReplays } from './replays/replay-runtime.js'
import { defaultScheduler, resumeInProcessReplays } from './replays/replay-scheduler.js'
import { seedDemo } from './seed/seed.js'
import { mountStudio } from './static-studio.js'

const repoRoot = resolve(import.meta.dirname, '../..')

async function main(): Promise<void> {
  const env = parseEnv()
  const logger = createLogger({ level: env.LOG_LEVEL })
  const dataDir = resolve(env.VERDICT_DATA_DIR)
  const handle = await createDatabase({ url: env.DATABASE_URL, dataDir: join(dataDir, 'pglite') })
  await migrateToLatest(handle.db)
  const admin = resolveAdminKey(env.ADMIN_API_KEY, dataDir)

  if (env.VERDICT_SEED === 'true') {
    const started = performance.now()
    const seeded = await seedDemo(handle.db, {
      rulesDir: join(repoRoot, 'rules'),
      log: (m) => console.log(m),
    })
    if (seeded) console.log(`demo data seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`)
  }

  // On a PostgreSQL server replays run on pg-boss (any number of `pnpm worker` processes, plus this
  // one unless REPLAY_IN_PROCESS_WORKER=0); PGlite runs them in this process (docs/replay.md).
  const replays =
    handle.kind === 'postgres' && env.DATABASE_URL
      ? await startQueueReplays(
          env.DATABASE_URL,
          process.env,
          (m) => logger.info(m),
          (error) => logger.error({ err: error }, 'replay queue error'),
        )
      : null
  const app = createApp({
    db: handle.db,
    env: { ...env, ADMIN_API_KEY: admin.key },
    logger,
    ...(replays ? { replayScheduler: replays.scheduler } : {}),
  } as AppDeps)
  if (!replays) {
    const resumed = await resumeInProcessReplays(handle.db, defaultScheduler(handle.db, logger))
    if (resumed > 0) logger.info({ resumed }, 'unfinished replays queued again')
  }
  const studio = mountStudio(app, join(repoRoot, 'studio', 'dist'))
  const server = serveApi({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, (port) => {
    const base = `http://localhost:${port}`
    console.log(
      [
        '',
        `Verdict is running (${handle.kind === 'pglite' ? `PGlite in ${join(dataDir, 'pglite')}` : 'PostgreSQL'})`,
        `  API        ${base}/v1`,
        `  Studio     ${studio ? `${base}/` : '(no build: run `pnpm --filter @verdict/studio build`)'}`,
        `  API docs   ${base}/docs   (OpenAPI: ${base}/openapi.json)`,
        ...adminKeyLines(admin, base),
        '',
      ].join('\n'),
    )
  })

  const shutdown = async () => {
    server.close()
    await replays?.stop()
    await handle.close()
    process.exit(0)
  }
  process.on('SIGINT', shutdown)
  process.on('SIGTERM', shutdown)
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})

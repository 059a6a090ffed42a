import { ensureStudioBuild } from '../../studio/support/studio-build.js'

/** Vitest globalSetup for the e2e project: build the studio when studio/dist is missing or stale. */
export default async function setup(): Promise<void> {
  await ensureStudioBuild()
}

import type { AppDeps } from './context.js'

/**
 * Services shared by the route modules, built once per app from its deps. Each service owns its
 * transactions and talks to the database only through repositories.
 */
export function createServices(deps: AppDeps) {
  const now = deps.now ?? (() => new Date())
  return { now }
}

export type Services = ReturnType<typeof createServices>

import type { AppDeps } from './context.js'
import { ListCache } from './evaluations/list-cache.js'
import { KeyedSerializer } from './lib/keyed-serializer.js'
import { PolicyCache } from './policies/policy-cache.js'

/**
 * Services shared by the route modules, built once per app from its deps: the caches live here, so
 * each app (each test file) has its own. Services talk to the database only through repositories.
 */
export function createServices(deps: AppDeps) {
  const now = deps.now ?? (() => new Date())
  const policies = new PolicyCache()
  const lists = new ListCache()
  return {
    now,
    policies,
    lists,
    evaluation: { db: deps.db, policies, lists, now, orderQueue: new KeyedSerializer() },
  }
}

export type Services = ReturnType<typeof createServices>

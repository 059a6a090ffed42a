/**
 * Everything the API uses from @verdict/engine, in one place: the engine is written concurrently,
 * and this file is the single list of what the API depends on.
 */

export type {
  CatalogItem,
  ClientData,
  ClientDataProvider,
  ClientDataRequest,
  DataNeeds,
  EvaluationResult,
  Facts,
  ListMatch,
  Order,
  PolicyDocument,
  RuleTrace,
  VelocityFact,
} from '@verdict/engine'
export {
  type CompiledPolicy,
  compilePolicy,
  diffPolicies,
  ENGINE_VERSION,
  evaluateOrder,
  parseInstant,
  parseOrder,
  validatePolicy,
} from '@verdict/engine'

// The velocity key normalisers are committed in the engine but not yet re-exported from its index;
// import them from their module until they are (same definitions either way, never a copy).
export { cardKey, normalizeEmail, normalizeIp } from '../../engine/src/facts/velocity.js'

/**
 * Everything the API uses from @verdict/engine, in one place: the single list of what the API
 * depends on in the engine.
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
  cardKey,
  compactTrace,
  compilePolicy,
  containsPan,
  createMemoryProvider,
  diffPolicies,
  ENGINE_VERSION,
  evaluateOrder,
  exampleOrder,
  findPan,
  isLossyNumberText,
  normalizeEmail,
  normalizeIp,
  parseInstant,
  parseOrder,
  validatePolicy,
  writtenNumberIssues,
  ZERO_VELOCITY,
} from '@verdict/engine'

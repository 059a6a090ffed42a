// Public surface of @verdict/engine: re-exports only. Pure: no I/O, runs in Node and the browser.

// Evaluation
export * from './evaluate/index.js'
export type * from './evaluate/result.types.js'
export type * from './facts/client-data.js'
export type { DeriveFactsOptions } from './facts/derive-facts.js'
// Facts
export { deriveFacts } from './facts/derive-facts.js'
export type * from './facts/facts.types.js'
export type { MemoryProviderInput } from './facts/memory-provider.js'
export { createMemoryProvider } from './facts/memory-provider.js'
export type { VelocityEntry } from './facts/velocity.js'
export {
  cardKey,
  computeIsFirstOrder,
  computeVelocity,
  inWindow,
  normalizeEmail,
  normalizeIp,
  VELOCITY_WINDOWS,
  velocityEntry,
  ZERO_VELOCITY,
} from './facts/velocity.js'
// Orders and money
export { currencyExponent, isCurrencyCode } from './money/currency.js'
export { decimalPlaces, fromScaled, toScaled } from './money/decimal.js'
export { absDiffMoney, fitsCurrency, fromMinor, sumMoney, toMinor } from './money/money.js'
export { isCountryCode } from './order/country-codes.js'
export { exampleOrder } from './order/example-order.js'
export { orderSchema } from './order/order.schema.js'
export type * from './order/order.types.js'
export { containsPan, findPan } from './order/pan.js'
export type { OrderIssue, ParseOrderResult } from './order/parse-order.js'
export { parseOrder } from './order/parse-order.js'
export { isRfc3339, parseInstant } from './order/timestamp.js'
export { isLossyNumberText, writtenNumberIssues } from './order/written-numbers.js'
export type { ListChange, PolicyDiff, RuleChange, RuleField, ValueChange } from './policy/diff-policies.js'
// Policies
export { diffPolicies } from './policy/diff-policies.js'
export type { FactPathInfo, FactSpec, FieldSpec } from './policy/fact-catalogue.js'
export { FACT_CATALOGUE, FACT_NAMES, listFactPaths } from './policy/fact-catalogue.js'
export { checkFactPath, splitPath } from './policy/fact-paths.js'
export { buildPolicyJsonSchema, serializePolicyJsonSchema } from './policy/generate-json-schema.js'
export type { OperatorInfo, ParsedOperator } from './policy/operators.js'
export { CATEGORIES, DECORATORS, EVENT_TYPES, OPERATORS, parseOperator } from './policy/operators.js'
export { policySchema, structuralPolicySchema } from './policy/policy.schema.js'
export type * from './policy/policy.types.js'
export type { PolicyIssue, ValidationResult } from './policy/validate-policy.js'
export { validatePolicy } from './policy/validate-policy.js'
export * from './replay/index.js'

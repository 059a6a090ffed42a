import { z } from 'zod'
import { semanticIssues } from './check-document.js'
import { CATEGORIES, EVENT_TYPES } from './operators.js'

/**
 * The policy document's shape (policies.md). `structuralPolicySchema` is the shape alone;
 * `policySchema` adds every cross-field rule, so `policySchema.safeParse(doc).success` is
 * exactly `validatePolicy(doc).valid`. validatePolicy gives the full, coded list of problems.
 *
 * Decisions (where policies.md leaves room):
 * - Unknown keys are refused (UNKNOWN_KEY) on the document, settings, shipping methods, rules and
 *   events: a typo such as `"enable": false` must not be silently ignored. `$schema` is allowed
 *   for editors. Condition nodes stay open, as in json-rules-engine (custom properties).
 * - Condition nodes follow json-rules-engine exactly: the first of any > all > not > condition
 *   wins and the rest is ignored (a warning, CONDITION_KEYS_IGNORED, not an issue: the
 *   conformance corpus pins these as valid); priorities may be numeric strings or floats.
 * - hold/decline without code or message, review without message, tag without tag: warnings.
 * - An empty `rules` list is valid (a new client starts with nothing).
 */
export const RULE_ID_PATTERN = /^[a-z0-9][a-z0-9._-]*$/

/**
 * A rule id is stored with every decision it fires in and is a filter of the decision listing
 * (`?ruleId=`, which takes up to 200): a longer id would be saved, then fail every evaluation that
 * fires it, since a database index entry holds ~2.7 KB at most.
 */
export const MAX_RULE_ID_LENGTH = 200

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz })
    return true
  } catch {
    return false
  }
}

// json-rules-engine parseInt-s priorities: '5' and 2.7 are fine, a falsy one (0, null, "", false)
// means the default 1 (`options.priority || 1`), and a rule priority that parses to ≤ 0 (or NaN)
// is refused (it throws, or sorts nowhere).
const rulePriority = z
  .union([z.number(), z.string(), z.boolean(), z.null()])
  .refine((p) => !p || Number.parseInt(String(p), 10) > 0, {
    params: { code: 'INVALID_PRIORITY' },
    message: 'priority must be 0 (= default 1) or parse as an integer ≥ 1',
  })
  .meta({ description: 'json-rules-engine priority: higher runs first; default 1' })
const conditionPriority = z
  .union([z.number(), z.string()])
  .refine((p) => !Number.isNaN(Number.parseInt(String(p), 10)), {
    params: { code: 'INVALID_PRIORITY' },
    message: 'priority must parse as an integer',
  })
// json-rules-engine picks the first of any > all > not > condition that a node has and ignores the
// others; `absent` makes each branch below refuse the keys that take precedence over it.
const absent = z.never().optional()

export const factReferenceSchema = z
  .looseObject({
    fact: z.string(),
    path: z.string().optional(),
    params: z.record(z.string(), z.unknown()).optional(),
  })
  .meta({ id: 'FactReference', description: 'compare against another fact: {fact, path?}' })

export const factConditionSchema = z
  .looseObject({
    fact: z.string().min(1).meta({ description: 'fact name' }),
    path: z.string().optional().meta({ description: 'JSONPath into the fact, e.g. $.total' }),
    operator: z.string().min(1).meta({ description: 'operator, optionally decorated (someFact:in)' }),
    value: z.unknown().meta({ description: 'literal value, or {fact, path} for another fact' }),
    params: z.record(z.string(), z.unknown()).optional(),
    priority: conditionPriority.optional(),
    name: z.string().optional(),
    any: absent,
    all: absent,
    not: absent,
    condition: absent,
  })
  .meta({ id: 'FactCondition', description: '{fact, path, operator, value}' })

const booleanExtras = { priority: conditionPriority.optional(), name: z.string().optional() }
type Lazy = z.ZodType<unknown>
const nested: Lazy = z.lazy(() => nestedConditionSchema).meta({ id: 'Condition' })
const anySchema = z.looseObject({ any: z.array(nested), ...booleanExtras }).meta({ id: 'AnyCondition' })
const allSchema = z
  .looseObject({ all: z.array(nested), any: absent, ...booleanExtras })
  .meta({ id: 'AllCondition' })
const notSchema = z
  .looseObject({ not: nested, any: absent, all: absent, ...booleanExtras })
  .meta({ id: 'NotCondition' })
const refSchema = z
  .looseObject({ condition: z.string().min(1), any: absent, all: absent, not: absent, ...booleanExtras })
  .meta({ id: 'ConditionReference', description: 'reference to a shared condition' })

/** Order matters: it is json-rules-engine's precedence, and zod takes the first branch that fits. */
export const TOP_LEVEL_BRANCHES = ['any', 'all', 'not', 'condition'] as const
export const topLevelConditionSchema = z
  .union([anySchema, allSchema, notSchema, refSchema])
  .meta({ id: 'TopLevelCondition', description: 'root: exactly one of all / any / not / condition' })
export const nestedConditionSchema: Lazy = z
  .union([anySchema, allSchema, notSchema, refSchema, factConditionSchema])
  .meta({ id: 'NestedCondition' })

export const eventSchema = z
  .strictObject({
    type: z.enum(EVENT_TYPES).meta({ description: 'score, review, hold, decline or tag' }),
    params: z
      .looseObject({
        points: z.number().optional().meta({ description: 'score: points added (may be negative)' }),
        message: z.string().optional().meta({ description: 'reason shown in the decision' }),
        code: z.string().optional().meta({ description: 'hold/decline: machine-readable code' }),
        tag: z.string().optional().meta({ description: 'tag: the tag to add' }),
      })
      .optional(),
  })
  .meta({ id: 'RuleEvent' })

export const ruleSchema = z
  .strictObject({
    id: z
      .string()
      .regex(RULE_ID_PATTERN)
      .max(MAX_RULE_ID_LENGTH)
      .meta({
        description: `stable id: [a-z0-9][a-z0-9._-]*, at most ${MAX_RULE_ID_LENGTH} characters, unique`,
      }),
    name: z.string().optional(),
    description: z.string().optional(),
    category: z.enum(CATEGORIES).meta({ description: 'validation, shipping, payment or fraud' }),
    enabled: z.boolean().optional().meta({ description: 'default true; disabled rules are not evaluated' }),
    priority: rulePriority.optional(),
    conditions: topLevelConditionSchema,
    event: eventSchema,
  })
  .meta({ id: 'PolicyRule' })

const countryCode = z.string().regex(/^[A-Z]{2}$/)
export const shippingMethodSchema = z
  .strictObject({
    code: z.string().min(1),
    carrier: z.string().optional(),
    transitDays: z.strictObject({ min: z.int().min(0), max: z.int().min(0) }),
    cutoff: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
      .optional()
      .meta({ description: 'HH:MM local time; later orders ship the next business day' }),
    countries: z.array(countryCode).optional().meta({ description: 'allowed destinations; absent = all' }),
  })
  .meta({ id: 'ShippingMethod' })

export const settingsSchema = z
  .strictObject({
    thresholds: z
      .strictObject({ review: z.number(), decline: z.number() })
      .meta({ description: 'score thresholds; review < decline' }),
    amountTolerance: z
      .number()
      .min(0)
      .optional()
      .meta({ description: 'catalog price tolerance (default 0.01)' }),
    timezone: z
      .string()
      .refine(isTimeZone, { params: { code: 'INVALID_TIMEZONE' }, message: 'unknown IANA time zone' })
      .optional()
      .meta({ description: 'IANA time zone (default UTC)' }),
    holidays: z.strictObject({ country: countryCode, region: z.string().min(1).optional() }).optional(),
    shippingMethods: z.array(shippingMethodSchema).optional(),
  })
  .meta({ id: 'PolicySettings' })

export const structuralPolicySchema = z
  .strictObject({
    $schema: z.string().optional().meta({ description: 'editor hint; ignored' }),
    schemaVersion: z.literal(1).optional().meta({ description: 'always 1; may be left out' }),
    description: z.string().optional(),
    settings: settingsSchema,
    lists: z.record(z.string(), z.unknown()).optional().meta({ description: 'named lists: fact "lists"' }),
    conditions: z
      .record(z.string(), topLevelConditionSchema)
      .optional()
      .meta({ description: 'shared conditions' }),
    rules: z.array(ruleSchema),
  })
  .meta({ id: 'PolicyDocument', title: 'Verdict policy document' })

/** The whole definition of a valid policy document (shape + cross-field rules). */
export const policySchema = structuralPolicySchema.superRefine((doc, ctx) => {
  for (const issue of semanticIssues(doc).issues) {
    ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message, params: { code: issue.code } })
  }
})

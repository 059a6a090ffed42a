import { exactScore } from '../evaluate/score.js'
import { hasHolidayCalendar, isHolidayRegion, MAX_TRANSIT_DAYS } from '../facts/calendar.js'
import { isCountryCode } from '../order/country-codes.js'
import { checkConditionTree, type DocContext } from './check-conditions.js'
import {
  type ConditionSize,
  ExpandedSizes,
  MAX_CONDITION_DEPTH,
  MAX_DOCUMENT_CONDITIONS,
  MAX_EXPANDED_CONDITIONS,
  references,
} from './condition-size.js'
import { staticVerdict } from './never-fires.js'
import { IssueSink, isObject, type Json, own } from './policy-issue.js'

/**
 * Every rule of "Saving a version: validation" that is not plain shape, run on the raw input so
 * that it reports alongside the shape problems. Tolerates any input: malformed parts are skipped
 * (the zod schema reports them).
 */
export function semanticIssues(doc: unknown): IssueSink {
  const sink = new IssueSink()
  if (!isObject(doc)) return sink
  checkSettings(own(doc, 'settings'), sink)
  const shared = isObject(doc.conditions) ? doc.conditions : undefined
  const ctx: DocContext = {
    sink,
    lists: isObject(doc.lists) ? doc.lists : undefined,
    sharedNames: new Set(shared ? Object.keys(shared) : []),
    shippingCodes: shippingCodes(own(doc, 'settings'), sink),
  }
  if (shared) {
    for (const [name, condition] of Object.entries(shared))
      checkConditionTree(condition, ['conditions', name], ctx)
    checkCycles(shared, sink)
  }
  const rules = own(doc, 'rules')
  if (!Array.isArray(rules)) return sink
  const seenIds = new Map<string, number>()
  const sizes = new ExpandedSizes(shared)
  let total = 0
  rules.forEach((rule, i) => {
    if (!isObject(rule)) return
    const id = own(rule, 'id')
    if (typeof id === 'string') {
      const first = seenIds.get(id)
      if (first === undefined) seenIds.set(id, i)
      else
        sink.issue(
          ['rules', i, 'id'],
          'DUPLICATE_RULE_ID',
          `rule id "${id}" is already used by rules[${first}]`,
        )
    }
    checkConditionTree(own(rule, 'conditions'), ['rules', i, 'conditions'], ctx, 'root')
    checkEvent(own(rule, 'event'), ['rules', i, 'event'], sink)
    // too big to compile or evaluate, and to analyse: staticVerdict expands references too
    const size = sizes.of(own(rule, 'conditions'), 'root')
    if (!checkSize(size, ['rules', i, 'conditions'], sink)) return
    const before = total
    total += size.nodes
    if (before <= MAX_DOCUMENT_CONDITIONS && total > MAX_DOCUMENT_CONDITIONS) {
      sink.issue(
        ['rules', i, 'conditions'],
        'POLICY_TOO_LARGE',
        `with shared conditions expanded, the rules up to this one hold more than ${MAX_DOCUMENT_CONDITIONS.toLocaleString('en-US')} conditions in all, each evaluated for every order`,
      )
    }
    if (total > MAX_DOCUMENT_CONDITIONS) return
    const verdict = staticVerdict(
      own(rule, 'conditions'),
      ['rules', i, 'conditions'],
      shared,
      new Set(),
      'root',
    )
    if (verdict.is === 'false')
      sink.warn(['rules', i, 'conditions'], 'RULE_NEVER_FIRES', `rule can never fire: ${verdict.why}`)
  })
  checkScoreRange(rules, sink)
  return sink
}

/**
 * The score is the exact sum of the fired rules' points, and must be a number: points that could
 * add up beyond ±Number.MAX_VALUE (two rules of 1e308) would make it Infinity, which has no JSON
 * form. Any score lies between the sum of the enabled rules' negative points and that of their
 * positive ones, so those two sums bound it (a disabled rule never fires, and enabling it makes a new
 * version, validated again); the issue names the rule whose points first cross a bound (a binary
 * search over prefixes, so that a document of many huge points costs O(n log n), not O(n²)).
 */
function checkScoreRange(rules: unknown[], sink: IssueSink): void {
  const scored: { at: number; points: number }[] = []
  rules.forEach((rule, i) => {
    if (!isObject(rule) || own(rule, 'enabled') === false) return
    const event = own(rule, 'event')
    if (!isObject(event) || event.type !== 'score') return
    const points = own(isObject(event.params) ? event.params : {}, 'points')
    if (typeof points === 'number' && Number.isFinite(points)) scored.push({ at: i, points })
  })
  const fits = (count: number) => {
    const prefix = scored.slice(0, count).map((s) => s.points)
    return (
      Number.isFinite(exactScore(prefix.filter((p) => p > 0))) &&
      Number.isFinite(exactScore(prefix.filter((p) => p < 0)))
    )
  }
  if (fits(scored.length)) return
  let lo = 1
  let hi = scored.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (fits(mid)) lo = mid + 1
    else hi = mid
  }
  sink.issue(
    ['rules', scored[lo - 1]!.at, 'event', 'params', 'points'],
    'SCORE_OUT_OF_RANGE',
    `with this rule the policy's score points can add up beyond ±${Number.MAX_VALUE}`,
  )
}

function checkSize(size: ConditionSize, at: (string | number)[], sink: IssueSink): boolean {
  if (size.depth > MAX_CONDITION_DEPTH) {
    sink.issue(
      at,
      'CONDITIONS_TOO_DEEP',
      `with shared conditions expanded, the conditions nest ${size.depth} levels deep (at most ${MAX_CONDITION_DEPTH})`,
    )
    return false
  }
  if (size.nodes > MAX_EXPANDED_CONDITIONS) {
    sink.issue(
      at,
      'CONDITIONS_TOO_LARGE',
      `with shared conditions expanded, the rule has more than ${MAX_EXPANDED_CONDITIONS.toLocaleString('en-US')} conditions, each evaluated for every order`,
    )
    return false
  }
  return true
}

function checkSettings(settings: unknown, sink: IssueSink): void {
  if (!isObject(settings)) {
    sink.issue(['settings'], 'THRESHOLDS_REQUIRED', 'settings with thresholds {review, decline} are required')
    return
  }
  const holidays = own(settings, 'holidays')
  if (isObject(holidays)) checkHolidays(holidays, sink)
  const thresholds = own(settings, 'thresholds')
  if (thresholds === undefined) {
    sink.issue(['settings', 'thresholds'], 'THRESHOLDS_REQUIRED', 'thresholds {review, decline} are required')
  } else if (
    isObject(thresholds) &&
    typeof thresholds.review === 'number' &&
    typeof thresholds.decline === 'number'
  ) {
    if (thresholds.review >= thresholds.decline) {
      sink.issue(
        ['settings', 'thresholds', 'review'],
        'THRESHOLDS_ORDER',
        `thresholds.review (${thresholds.review}) must be below thresholds.decline (${thresholds.decline})`,
      )
    }
  }
}

/**
 * Calendars that do not exist are pointed out (warnings: the policy still works). A country without
 * any calendar counts only weekends; a region without its own (a typo, or a subdivision whose
 * holidays are the national ones: there is no telling them apart) counts the national holidays.
 */
function checkHolidays(holidays: Record<string, unknown>, sink: IssueSink): void {
  const country = own(holidays, 'country')
  checkCountry(country, ['settings', 'holidays', 'country'], sink)
  if (!isCountryCode(country)) return
  const region = own(holidays, 'region')
  if (!hasHolidayCalendar(country)) {
    sink.warn(
      ['settings', 'holidays', 'country'],
      'NO_HOLIDAY_CALENDAR',
      `no public-holiday calendar is known for ${country}: only weekends are non-business days`,
    )
  } else if (typeof region === 'string' && region !== '' && !isHolidayRegion(country, region)) {
    sink.warn(
      ['settings', 'holidays', 'region'],
      'UNKNOWN_HOLIDAY_REGION',
      `no public-holiday calendar is known for region "${region}" of ${country}: only ${country}'s national holidays count`,
    )
  }
}

/**
 * A code shaped like one (`[A-Z]{2}`, the schema's part) that ISO 3166-1 does not assign (`XX`,
 * `UK`): a destination no order can have, or a holiday calendar that does not exist.
 */
function checkCountry(value: unknown, at: (string | number)[], sink: IssueSink): void {
  if (typeof value === 'string' && /^[A-Z]{2}$/.test(value) && !isCountryCode(value))
    sink.issue(at, 'INVALID_COUNTRY', `"${value}" is not an ISO 3166-1 alpha-2 country code`)
}

function shippingCodes(settings: unknown, sink: IssueSink): Set<string> {
  const codes = new Set<string>()
  const methods = isObject(settings) ? own(settings, 'shippingMethods') : undefined
  if (!Array.isArray(methods)) return codes
  methods.forEach((m, i) => {
    if (!isObject(m)) return
    const at = ['settings', 'shippingMethods', i]
    if (typeof m.code === 'string') {
      if (codes.has(m.code))
        sink.issue([...at, 'code'], 'DUPLICATE_SHIPPING_METHOD', `method "${m.code}" is defined twice`)
      codes.add(m.code)
    }
    const countries = own(m, 'countries')
    if (Array.isArray(countries)) {
      countries.forEach((country, j) => {
        checkCountry(country, [...at, 'countries', j], sink)
      })
    }
    const days = own(m, 'transitDays')
    if (
      isObject(days) &&
      typeof days.min === 'number' &&
      typeof days.max === 'number' &&
      days.min > days.max
    ) {
      sink.issue(
        [...at, 'transitDays'],
        'INVALID_TRANSIT_DAYS',
        'transitDays.min must not exceed transitDays.max',
      )
    }
    if (isObject(days) && typeof days.max === 'number' && days.max > MAX_TRANSIT_DAYS) {
      sink.issue(
        [...at, 'transitDays', 'max'],
        'INVALID_TRANSIT_DAYS',
        `transit days are at most ${MAX_TRANSIT_DAYS} (ten years)`,
      )
    }
  })
  return codes
}

const PARAMS_WANTED: Record<string, string[]> = {
  review: ['message'],
  hold: ['code', 'message'],
  decline: ['code', 'message'],
  tag: ['tag'],
}

function checkEvent(event: unknown, at: (string | number)[], sink: IssueSink): void {
  if (!isObject(event) || typeof event.type !== 'string') return
  const params = isObject(event.params) ? event.params : {}
  if (event.type === 'score') {
    const points = own(params, 'points')
    if (typeof points !== 'number' || !Number.isFinite(points)) {
      sink.issue(
        [...at, 'params', 'points'],
        'SCORE_POINTS_REQUIRED',
        'a score rule needs numeric params.points',
      )
    }
  }
  for (const key of Object.hasOwn(PARAMS_WANTED, event.type) ? (PARAMS_WANTED[event.type] ?? []) : []) {
    const v = own(params, key)
    if (typeof v !== 'string' || v.trim() === '') {
      sink.warn(
        [...at, 'params', key],
        'EVENT_PARAM_MISSING',
        `a ${event.type} event should have params.${key}`,
      )
    }
  }
}

/** json-rules-engine would recurse forever on a shared condition that reaches itself. */
function checkCycles(shared: Json, sink: IssueSink): void {
  const edges = new Map(Object.entries(shared).map(([name, c]) => [name, [...references(c, new Set())]]))
  const state = new Map<string, 'open' | 'done'>()
  const reported = new Set<string>()
  // Depth-first without recursion: a chain of thousands of references must not overflow the stack.
  const stack: string[] = []
  const next: number[] = []
  const enter = (name: string): void => {
    state.set(name, 'open')
    stack.push(name)
    next.push(0)
  }
  for (const root of edges.keys()) {
    if (state.has(root)) continue
    enter(root)
    while (stack.length > 0) {
      const name = stack.at(-1)!
      const targets = edges.get(name) ?? []
      const i = next[next.length - 1]!
      if (i >= targets.length) {
        stack.pop()
        next.pop()
        state.set(name, 'done')
        continue
      }
      next[next.length - 1] = i + 1
      const target = targets[i]!
      if (!edges.has(target)) continue
      if (state.get(target) === 'open') {
        const cycle = [...stack.slice(stack.indexOf(target)), target]
        for (const member of cycle.slice(0, -1)) {
          if (reported.has(member)) continue
          reported.add(member)
          sink.issue(
            ['conditions', member],
            'CONDITION_CYCLE',
            `shared conditions refer to each other in a cycle: ${cycle.join(' → ')}`,
          )
        }
      } else if (!state.has(target)) enter(target)
    }
  }
}

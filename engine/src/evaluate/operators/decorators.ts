import { kindOf } from './kind-of.js'
import type { DecoratorDefinition } from './operator.types.js'

// json-rules-engine's six default decorators, same validators: someFact/everyFact answer false on a
// non-array fact, while someValue/everyValue call `.some`/`.every` on the value and so throw on a
// non-array (the rule errs), here with a message that says so rather than "v.some is not a function".
type Many = { some(f: (x: unknown) => boolean): boolean; every(f: (x: unknown) => boolean): boolean }

function valuesOf(value: unknown, decorator: string): Many {
  if (Array.isArray(value)) return value
  throw new TypeError(`"${decorator}:" needs an array value, got ${kindOf(value)}`)
}

export const someFact: DecoratorDefinition = {
  name: 'someFact',
  validateFact: Array.isArray,
  cb: (f, v, next, st) => (f as Many).some((fv) => next(fv, v, st)),
}

export const someValue: DecoratorDefinition = {
  name: 'someValue',
  cb: (f, v, next, st) => valuesOf(v, 'someValue').some((jv) => next(f, jv, st)),
}

export const everyFact: DecoratorDefinition = {
  name: 'everyFact',
  validateFact: Array.isArray,
  cb: (f, v, next, st) => (f as Many).every((fv) => next(fv, v, st)),
}

export const everyValue: DecoratorDefinition = {
  name: 'everyValue',
  cb: (f, v, next, st) => valuesOf(v, 'everyValue').every((jv) => next(f, jv, st)),
}

export const swap: DecoratorDefinition = { name: 'swap', cb: (f, v, next, st) => next(v, f, st) }

export const not: DecoratorDefinition = { name: 'not', cb: (f, v, next, st) => !next(f, v, st) }

export const DECORATORS: readonly DecoratorDefinition[] = [
  someFact,
  someValue,
  everyFact,
  everyValue,
  swap,
  not,
]

/**
 * A field of a fact. `type` is human-readable (`string`, `number | null`, `string[]`, `object[]`);
 * `fields` describes an object's children, `items` an array's elements.
 */
export interface FieldSpec {
  type: string
  description: string
  fields?: Record<string, FieldSpec>
  items?: FieldSpec
}

export interface FactSpec {
  description: string
  /** Derived facts have a closed set of fields; `order` and `lists` are open. */
  derived: boolean
  fields: Record<string, FieldSpec>
}

/** A flattened path such as `$.estimatedDelivery.earliest` or `$.items[*].sku`. */
export interface FactPathInfo {
  path: string
  type: string
  description: string
}

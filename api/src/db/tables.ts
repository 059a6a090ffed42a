import type { ColumnType, Generated, Insertable, Selectable } from 'kysely'

/**
 * Row types of every table (migrations/ creates them). Snake_case as in SQL; services map rows to
 * the camelCase wire shapes in one named function per entity. Every table is keyed by client first.
 */
type Timestamp = ColumnType<Date, Date | string, Date | string>
type CreatedAt = ColumnType<Date, Date | string | undefined, never>
/** jsonb: written as a JS value (never a pre-serialised string: postgres.js would encode it twice). */
type Json<T = unknown> = ColumnType<T, T, T>

export interface ClientTable {
  id: string
  name: string
  live_version: number | null
  created_at: CreatedAt
}

export type Role = 'admin' | 'integrator' | 'analyst' | 'publisher' | 'auditor'

export interface ApiKeyTable {
  id: string
  /** hex sha256 of the key; the key itself is never stored. */
  key_hash: string
  /** First characters of the key, safe to show ("vk_3f9a…"). */
  prefix: string
  name: string
  role: Role
  created_by: string
  created_at: CreatedAt
  revoked_at: Date | null
}

export interface ApiKeyClientTable {
  client_id: string
  api_key_id: string
}

export interface PolicyVersionTable {
  client_id: string
  version: number
  document: Json
  checksum: string
  comment: string
  created_by: string
  created_at: CreatedAt
}

export interface PolicyPublicationTable {
  client_id: string
  id: Generated<number>
  version: number
  previous_version: number | null
  comment: string
  published_by: string
  published_at: CreatedAt
}

export type OrderLabelValue = 'fraud' | 'chargeback' | 'legit'

export interface OrderTable {
  client_id: string
  order_id: string
  /** The current revision; every revision is kept in order_revisions. */
  revision: number
  /** order.createdAt of the current revision: the clock of velocity windows. */
  created_at: Timestamp
  /** indexKey(normalizeEmail(customer.email)); null when blank (never grouped). */
  email: string | null
  /** indexKey(normalizeIp(customer.ip)) */
  ip: string | null
  /** cardKey(payment.card) = bin + last4 */
  card_key: string | null
  /** Declared total in currency units; numeric, so sums are exact. */
  total: number
  currency: string
  label: OrderLabelValue | null
  /** True while the order was only imported and never evaluated. */
  imported: boolean
  /** sha256 of the canonical JSON of the current revision (idempotency compares it). */
  checksum: string
  cancelled_at: Date | null
  cancel_reason: string | null
  received_at: CreatedAt
  updated_at: Timestamp
}

export type OrderSource = 'evaluate' | 'import' | 'modify' | 'seed'

export interface OrderRevisionTable {
  client_id: string
  order_id: string
  revision: number
  /** The order JSON exactly as received (extra fields included). */
  document: Json
  checksum: string
  source: OrderSource
  created_at: CreatedAt
}

export type OutcomeValue = 'approve' | 'review' | 'hold' | 'decline'

export interface DecisionTable {
  client_id: string
  decision_id: string
  order_id: string
  revision: number
  policy_version: number
  policy_checksum: string
  engine_version: string
  outcome: OutcomeValue
  score: number
  reasons: Json
  tags: string[]
  errors: Json
  /** Ids of the fired rules (also in decision_rules for the ruleId filter). */
  rule_ids: string[]
  shipping: Json
  facts: Json
  /** The client data the evaluation saw: list matches, velocity, isFirstOrder, catalog rows. */
  data: Json
  trace: Json | null
  /** engine compactTrace() of the evaluation; the full trace is recomputed and verified against it. */
  trace_compact: Generated<string | null>
  timings: Json
  evaluated_at: Timestamp
}

export interface DecisionRuleTable {
  client_id: string
  rule_id: string
  evaluated_at: Timestamp
  decision_id: string
}

export interface CatalogItemTable {
  client_id: string
  sku: string
  name: string | null
  /** numeric; parsed to a JS number by both drivers. */
  price: number
  currency: string
  stock: number
  category: string | null
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>
}

export interface ManagedListTable {
  client_id: string
  name: string
  description: string
  /** Bumped by trigger on every item change; evaluate caches list contents per revision. */
  revision: ColumnType<number, never, never>
  created_at: CreatedAt
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>
}

export interface ManagedListItemTable {
  client_id: string
  list_name: string
  /** Normalised: trimmed, lower-cased. */
  value: string
  added_at: CreatedAt
}

export interface IdempotencyKeyTable {
  client_id: string
  api_key_id: string
  key: string
  request_hash: string
  status: 'in_progress' | 'done'
  response_status: number | null
  response_body: Json | null
  created_at: CreatedAt
}

export interface Database {
  clients: ClientTable
  api_keys: ApiKeyTable
  api_key_clients: ApiKeyClientTable
  policy_versions: PolicyVersionTable
  policy_publications: PolicyPublicationTable
  orders: OrderTable
  order_revisions: OrderRevisionTable
  decisions: DecisionTable
  decision_rules: DecisionRuleTable
  catalog_items: CatalogItemTable
  managed_lists: ManagedListTable
  managed_list_items: ManagedListItemTable
  idempotency_keys: IdempotencyKeyTable
}

export type ClientRow = Selectable<ClientTable>
export type ApiKeyRow = Selectable<ApiKeyTable>
export type PolicyVersionRow = Selectable<PolicyVersionTable>
export type OrderRow = Selectable<OrderTable>
export type NewOrderRow = Insertable<OrderTable>
export type NewOrderRevisionRow = Insertable<OrderRevisionTable>
export type DecisionRow = Selectable<DecisionTable>
export type NewDecisionRow = Insertable<DecisionTable>
export type CatalogItemRow = Selectable<CatalogItemTable>
export type ManagedListRow = Selectable<ManagedListTable>
export type ManagedListItemRow = Selectable<ManagedListItemTable>

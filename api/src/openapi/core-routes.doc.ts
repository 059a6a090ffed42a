import { orderSchema } from '@verdict/engine'
import { z } from 'zod'
import {
  ApiKeyIdParams,
  ApiKeyResponse,
  CreateApiKeyBody,
  CreatedApiKeyResponse,
} from '../api-keys/api-keys.schemas.js'
import { ClientParams, ClientResponse, CreateClientBody } from '../clients/clients.schemas.js'
import {
  DecisionDetailSchema,
  DecisionPage,
  DecisionParams,
  DecisionSchema,
  ListDecisionsQuery,
  ReproduceResponse,
} from '../decisions/decisions.schemas.js'
import {
  CancelBody,
  CancelResponse,
  OrderParams,
  SimulateBody,
  SimulateResponse,
} from '../evaluations/evaluations.schemas.js'
import {
  DiffParams,
  DiffResponse,
  Publication,
  PublishBody,
  PublishResponse,
  SavedVersionResponse,
  SaveVersionBody,
  VersionDetail,
  VersionParams,
  VersionSummary,
} from '../policies/policies.schemas.js'
import { describeRoute } from './registry.js'

/**
 * Descriptions of the core resources' routes, built from the very schemas their routes validate
 * with (and, for orders, the engine's orderSchema that parseOrder applies). Kept here so the route
 * modules stay thin; a mounted route missing from this list still appears in the document.
 */
const c = '/v1/clients/:clientId'
const WithClient = ClientParams
const withClient = <T extends z.ZodRawShape>(shape: T) => WithClient.extend(shape)
const dataOf = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item) })

describeRoute({
  method: 'post',
  path: '/v1/clients',
  summary: 'Create a client',
  tag: 'clients',
  roles: ['admin'],
  body: { schema: CreateClientBody },
  responses: { 201: { description: 'Created', schema: ClientResponse } },
  errors: [409],
})
describeRoute({
  method: 'get',
  path: '/v1/clients',
  summary: 'Clients this key may see',
  tag: 'clients',
  roles: 'any',
  responses: { 200: { description: 'The clients', schema: dataOf(ClientResponse) } },
})
describeRoute({
  method: 'get',
  path: c,
  summary: 'One client',
  tag: 'clients',
  roles: 'any',
  params: WithClient,
  responses: { 200: { description: 'The client', schema: ClientResponse } },
})
describeRoute({
  method: 'post',
  path: `${c}/api-keys`,
  summary: 'Create an API key (shown once)',
  tag: 'api-keys',
  roles: ['admin'],
  params: WithClient,
  body: { schema: CreateApiKeyBody },
  responses: { 201: { description: 'Created; `key` is shown only here', schema: CreatedApiKeyResponse } },
})
describeRoute({
  method: 'get',
  path: `${c}/api-keys`,
  summary: 'API keys of the client (never the keys themselves)',
  tag: 'api-keys',
  roles: ['admin'],
  params: WithClient,
  responses: { 200: { description: 'The keys', schema: dataOf(ApiKeyResponse) } },
})
describeRoute({
  method: 'delete',
  path: `${c}/api-keys/:keyId`,
  summary: 'Revoke an API key',
  tag: 'api-keys',
  roles: ['admin'],
  params: withClient(ApiKeyIdParams.shape),
  responses: { 204: { description: 'Revoked' } },
})
describeRoute({
  method: 'post',
  path: `${c}/policy/versions`,
  summary: 'Save a new immutable policy version',
  tag: 'policy',
  roles: ['admin', 'analyst'],
  params: WithClient,
  body: { schema: SaveVersionBody },
  responses: { 201: { description: 'Saved as draft', schema: SavedVersionResponse } },
})
describeRoute({
  method: 'get',
  path: `${c}/policy/versions`,
  summary: 'List policy versions',
  tag: 'policy',
  roles: 'any',
  params: WithClient,
  responses: { 200: { description: 'The versions', schema: dataOf(VersionSummary) } },
})
describeRoute({
  method: 'get',
  path: `${c}/policy/versions/:version`,
  summary: 'One policy version with its document',
  tag: 'policy',
  roles: 'any',
  params: withClient(VersionParams.shape),
  responses: { 200: { description: 'The version', schema: VersionDetail } },
})
describeRoute({
  method: 'get',
  path: `${c}/policy/versions/:a/diff/:b`,
  summary: 'Rule-level diff of two versions',
  tag: 'policy',
  roles: 'any',
  params: withClient(DiffParams.shape),
  responses: {
    200: { description: 'Added, removed and changed rules, settings and lists', schema: DiffResponse },
  },
})
describeRoute({
  method: 'post',
  path: `${c}/policy/versions/:version/publish`,
  summary: 'Make a version live (publishing an older one is the rollback)',
  tag: 'policy',
  roles: ['admin', 'publisher'],
  params: withClient(VersionParams.shape),
  body: { schema: PublishBody, optional: true },
  responses: { 200: { description: 'Live', schema: PublishResponse } },
})
describeRoute({
  method: 'get',
  path: `${c}/policy/live`,
  summary: 'The live version with its document',
  tag: 'policy',
  roles: 'any',
  params: WithClient,
  responses: { 200: { description: 'The live version', schema: VersionDetail } },
})
describeRoute({
  method: 'post',
  path: `${c}/orders/evaluate`,
  summary: 'Evaluate an order against the live version and store the decision',
  description:
    'Idempotent by order id: the same content answers the stored decision; different content is 409 `order_exists`.',
  tag: 'orders',
  roles: ['admin', 'integrator'],
  params: WithClient,
  body: { schema: orderSchema },
  responses: { 200: { description: 'The decision', schema: DecisionSchema } },
  errors: [409],
})
describeRoute({
  method: 'put',
  path: `${c}/orders/:orderId`,
  summary: 'Modify an order (a new revision, evaluated again)',
  tag: 'orders',
  roles: ['admin', 'integrator'],
  params: withClient(OrderParams.shape),
  body: { schema: orderSchema },
  responses: { 200: { description: 'The new decision', schema: DecisionSchema } },
  errors: [409],
})
describeRoute({
  method: 'post',
  path: `${c}/orders/:orderId/cancel`,
  summary: 'Cancel an order',
  tag: 'orders',
  roles: ['admin', 'integrator'],
  params: withClient(OrderParams.shape),
  body: { schema: CancelBody, optional: true },
  responses: {
    200: { description: 'Cancelled (a repeat answers the first cancellation)', schema: CancelResponse },
  },
})
describeRoute({
  method: 'post',
  path: `${c}/simulate`,
  summary: 'Evaluate one order against a saved version or an unsaved document; nothing stored',
  tag: 'orders',
  roles: ['admin', 'analyst'],
  params: WithClient,
  body: { schema: SimulateBody },
  responses: { 200: { description: 'The decision with its trace', schema: SimulateResponse } },
})
describeRoute({
  method: 'get',
  path: `${c}/decisions`,
  summary: 'Decisions, newest first, cursor-paginated',
  tag: 'decisions',
  roles: 'any',
  params: WithClient,
  query: ListDecisionsQuery,
  responses: { 200: { description: 'A page of decisions', schema: DecisionPage } },
})
describeRoute({
  method: 'get',
  path: `${c}/decisions/:decisionId`,
  summary: 'One decision with its trace, facts and version',
  tag: 'decisions',
  roles: 'any',
  params: withClient(DecisionParams.shape),
  responses: { 200: { description: 'The decision', schema: DecisionDetailSchema } },
})
describeRoute({
  method: 'post',
  path: `${c}/decisions/:decisionId/reproduce`,
  summary: 'Re-evaluate from the stored version and facts',
  tag: 'decisions',
  roles: ['admin', 'analyst', 'auditor'],
  params: withClient(DecisionParams.shape),
  responses: { 200: { description: '`{identical: true}` or the differences', schema: ReproduceResponse } },
})
describeRoute({
  method: 'get',
  path: `${c}/policy/publications`,
  summary: 'The publication log: who made which version live, when and why, newest first',
  tag: 'policy',
  roles: 'any',
  params: WithClient,
  responses: { 200: { description: 'The publications', schema: dataOf(Publication) } },
})

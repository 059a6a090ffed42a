import { zValidator } from '@hono/zod-validator'
import { Hono } from 'hono'
import { requirePermission } from '../auth/authenticate.js'
import type { AppEnv } from '../context.js'
import { validationHook } from '../errors.js'
import { requireJsonBody } from '../http/json-body.js'
import { DiffParams, PublishBody, SaveVersionBody, VersionParams } from './policies.schemas.js'
import * as policies from './policies.service.js'

/** Mounted at /v1/clients/:clientId/policy. */
export const policiesRoutes = new Hono<AppEnv>()
  .post(
    '/versions',
    requirePermission('policy:write', 'save policy versions'),
    requireJsonBody,
    zValidator('json', SaveVersionBody, validationHook),
    async (c) => {
      const body = c.req.valid('json')
      const saved = await policies.saveVersion(c.get('deps').db, {
        clientId: c.get('client').id,
        document: body.document,
        comment: body.comment,
        principal: c.get('principal'),
      })
      return c.json(saved, 201)
    },
  )
  .get('/versions', requirePermission('policy:read'), async (c) => {
    return c.json({ data: await policies.listVersions(c.get('deps').db, c.get('client').id) })
  })
  .get(
    '/versions/:version',
    requirePermission('policy:read'),
    zValidator('param', VersionParams, validationHook),
    async (c) => {
      return c.json(
        await policies.getVersion(c.get('deps').db, c.get('client').id, c.req.valid('param').version),
      )
    },
  )
  .get(
    '/versions/:a/diff/:b',
    requirePermission('policy:read'),
    zValidator('param', DiffParams, validationHook),
    async (c) => {
      const { a, b } = c.req.valid('param')
      return c.json(await policies.diffVersions(c.get('deps').db, c.get('client').id, a, b))
    },
  )
  .post(
    '/versions/:version/publish',
    requirePermission('policy:publish', 'publish policy versions'),
    zValidator('param', VersionParams, validationHook),
    zValidator('json', PublishBody, validationHook),
    async (c) => {
      const published = await policies.publishVersion(c.get('deps').db, {
        clientId: c.get('client').id,
        version: c.req.valid('param').version,
        comment: c.req.valid('json').comment,
        principal: c.get('principal'),
      })
      return c.json(published, 200)
    },
  )
  .get('/live', requirePermission('policy:read'), async (c) => {
    return c.json(await policies.getLive(c.get('deps').db, c.get('client').id, c.get('client').liveVersion))
  })
  .get('/publications', requirePermission('policy:read'), async (c) => {
    return c.json({ data: await policies.listPublications(c.get('deps').db, c.get('client').id) })
  })

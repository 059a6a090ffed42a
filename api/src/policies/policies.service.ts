import type { Kysely } from 'kysely'
import type { Principal } from '../context.js'
import type { Database } from '../db/tables.js'
import { compilePolicy, diffPolicies, type PolicyDocument, validatePolicy } from '../engine.js'
import { ApiError, formatPath, type Issue, notFound } from '../errors.js'
import { jsonChecksum } from '../lib/checksum.js'
import * as repo from './policies.repository.js'
import type {
  PublishResponse,
  SavedVersionResponse,
  VersionDetail,
  VersionSummary,
} from './policies.schemas.js'

type VersionRow = Awaited<ReturnType<typeof repo.listVersions>>[number]

function statusOf(row: VersionRow): VersionSummary['status'] {
  if (row.live_version === row.version) return 'live'
  return row.published_at ? 'retired' : 'draft'
}

export function versionRowToSummary(row: VersionRow): VersionSummary {
  return {
    version: row.version,
    status: statusOf(row),
    checksum: row.checksum,
    comment: row.comment,
    createdAt: row.created_at.toISOString(),
    createdBy: row.created_by,
    publishedAt: row.published_at ? new Date(row.published_at).toISOString() : null,
    publishedBy: row.published_by ?? null,
  }
}

export function toIssue(issue: {
  path: readonly (string | number)[]
  code?: string
  message: string
}): Issue {
  return {
    path: jsonPath(formatPath(issue.path)),
    message: issue.message,
    ...(issue.code ? { code: issue.code } : {}),
  }
}

/** policies.md: each issue has "a JSON path into the document": `$`, `$.rules[2].event`. */
const jsonPath = (relative: string) =>
  relative === '' ? '$' : relative.startsWith('[') ? `$${relative}` : `$.${relative}`

/** A document issue's path under the request field holding the document (`document.rules[0]…`). */
function underField(field: string, issue: Issue): Issue {
  return { ...issue, path: `${field}${issue.path.slice(1)}` }
}

/**
 * checkDocument for a document inside a request body (simulate's `document`, a replay's
 * `candidate.document`): its issues and warnings name the body field they are under.
 */
export function checkDocumentAt(
  document: unknown,
  field: string,
): { document: PolicyDocument; warnings: Issue[] } {
  try {
    const checked = checkDocument(document)
    return { ...checked, warnings: checked.warnings.map((w) => underField(field, w)) }
  } catch (error) {
    if (error instanceof ApiError && error.issues) {
      throw new ApiError(
        error.code,
        error.message,
        error.issues.map((issue) => underField(field, issue)),
      )
    }
    throw error
  }
}

/**
 * Validates a document as the engine does for the studio (all issues at once, JSON paths), and
 * compiles it once more so that a document the evaluator cannot run is never saved.
 */
export function checkDocument(document: unknown): { document: PolicyDocument; warnings: Issue[] } {
  const result = validatePolicy(document)
  if (!result.valid) {
    throw new ApiError('invalid_policy', 'the policy document is not valid', result.issues.map(toIssue))
  }
  try {
    compilePolicy(document as PolicyDocument)
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    throw new ApiError('invalid_policy', 'the policy document cannot be compiled', [{ path: '$', message }])
  }
  return { document: document as PolicyDocument, warnings: result.warnings.map(toIssue) }
}

export async function saveVersion(
  db: Kysely<Database>,
  input: { clientId: string; document: unknown; comment: string; principal: Principal },
): Promise<SavedVersionResponse> {
  const { document, warnings } = checkDocument(input.document)
  const checksum = jsonChecksum(document)
  const row = await db.transaction().execute(async (trx) => {
    if (!(await repo.lockClient(trx, input.clientId))) throw notFound('client')
    const version = await repo.nextVersionNumber(trx, input.clientId)
    return repo.insertVersion(trx, {
      clientId: input.clientId,
      version,
      document,
      checksum,
      comment: input.comment,
      createdBy: input.principal.keyId,
    })
  })
  return {
    version: row.version,
    checksum: row.checksum,
    status: 'draft',
    createdAt: row.created_at.toISOString(),
    createdBy: row.created_by,
    comment: row.comment,
    warnings,
  }
}

export async function listVersions(db: Kysely<Database>, clientId: string): Promise<VersionSummary[]> {
  return (await repo.listVersions(db, clientId)).map(versionRowToSummary)
}

export async function getVersion(
  db: Kysely<Database>,
  clientId: string,
  version: number,
): Promise<VersionDetail> {
  const row = await repo.findVersion(db, clientId, version)
  if (!row) throw notFound('policy version')
  return { ...versionRowToSummary(row), document: row.document }
}

export async function getLive(db: Kysely<Database>, clientId: string, liveVersion: number | null) {
  if (liveVersion === null) throw new ApiError('not_found', 'the client has no live policy version')
  return getVersion(db, clientId, liveVersion)
}

export async function diffVersions(db: Kysely<Database>, clientId: string, a: number, b: number) {
  const [left, right] = await Promise.all([
    repo.findVersionDocument(db, clientId, a),
    repo.findVersionDocument(db, clientId, b),
  ])
  if (!left || !right) throw notFound('policy version')
  const diff = diffPolicies(left.document as PolicyDocument, right.document as PolicyDocument)
  return {
    from: a,
    to: b,
    // api.md calls it "added, removed, changed rules (by id)": those ids also at the top.
    added: diff.rules.added,
    removed: diff.rules.removed,
    changed: diff.rules.changed,
    ...diff,
  }
}

/**
 * Makes a version live; the previous live version becomes retired. Publishing an older version is
 * the rollback. Publishing the version that is already live changes nothing and logs nothing.
 */
export async function publishVersion(
  db: Kysely<Database>,
  input: { clientId: string; version: number; comment: string; principal: Principal },
): Promise<PublishResponse> {
  return db.transaction().execute(async (trx) => {
    const client = await repo.lockClient(trx, input.clientId)
    if (!client) throw notFound('client')
    const exists = await repo.findVersionDocument(trx, input.clientId, input.version)
    if (!exists) throw notFound('policy version')
    const previous = client.live_version
    if (previous === input.version) {
      // Answered as the publication that made it live: the version it replaced, not itself.
      const made = (await repo.listPublications(trx, input.clientId)).find((p) => p.version === input.version)
      const current = await repo.findVersion(trx, input.clientId, input.version)
      return {
        version: input.version,
        status: 'live' as const,
        previousVersion: made?.previous_version ?? null,
        publishedAt: new Date(made?.published_at ?? current?.published_at ?? Date.now()).toISOString(),
        publishedBy: made?.published_by ?? current?.published_by ?? input.principal.keyId,
      }
    }
    const publication = await repo.insertPublication(trx, {
      clientId: input.clientId,
      version: input.version,
      previousVersion: previous,
      comment: input.comment,
      publishedBy: input.principal.keyId,
    })
    await repo.setLiveVersion(trx, input.clientId, input.version)
    return {
      version: input.version,
      status: 'live' as const,
      previousVersion: previous,
      publishedAt: publication.published_at.toISOString(),
      publishedBy: publication.published_by,
    }
  })
}

export async function listPublications(db: Kysely<Database>, clientId: string) {
  const rows = await repo.listPublications(db, clientId)
  return rows.map((row) => ({
    version: row.version,
    previousVersion: row.previous_version,
    comment: row.comment,
    publishedAt: row.published_at.toISOString(),
    publishedBy: row.published_by,
  }))
}

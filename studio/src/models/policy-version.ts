import { isRec, num, str, unwrapList, unwrapOne } from './unwrap.js'

export type VersionStatus = 'draft' | 'live' | 'retired'

export interface PolicyVersionSummary {
  version: number
  status: VersionStatus
  checksum: string | null
  comment: string | null
  createdAt: string | null
  createdBy: string | null
  publishedAt: string | null
  publishedBy: string | null
}

export interface PolicyVersion extends PolicyVersionSummary {
  document: unknown
}

function adaptSummary(raw: unknown): PolicyVersionSummary | null {
  if (!isRec(raw)) return null
  const version = num(raw.version)
  if (version === null) return null
  const status = str(raw.status)
  return {
    version,
    status: status === 'live' || status === 'retired' ? status : 'draft',
    checksum: str(raw.checksum),
    comment: str(raw.comment),
    createdAt: str(raw.createdAt),
    createdBy: str(raw.createdBy),
    publishedAt: str(raw.publishedAt),
    publishedBy: str(raw.publishedBy),
  }
}

/** Newest first, whatever order the API used. */
export function adaptVersions(body: unknown): PolicyVersionSummary[] {
  return unwrapList(body, 'versions')
    .map(adaptSummary)
    .filter((v): v is PolicyVersionSummary => v !== null)
    .sort((a, b) => b.version - a.version)
}

export function adaptVersion(body: unknown): PolicyVersion | null {
  const rec = unwrapOne(body)
  const summary = adaptSummary(rec)
  return summary ? { ...summary, document: rec.document ?? null } : null
}

/** Stable, readable JSON for the editor and the diff editor. */
export function formatDocument(doc: unknown): string {
  return `${JSON.stringify(doc, null, 2)}\n`
}

/** One entry of the publication log: who made which version live, when and why. */
export interface Publication {
  version: number
  previousVersion: number | null
  comment: string | null
  publishedAt: string | null
  publishedBy: string | null
}

/** Newest first, as the API lists them. */
export function adaptPublications(body: unknown): Publication[] {
  return unwrapList(body, 'publications').flatMap((raw) => {
    if (!isRec(raw)) return []
    const version = num(raw.version)
    if (version === null) return []
    return [
      {
        version,
        previousVersion: num(raw.previousVersion),
        comment: str(raw.comment),
        publishedAt: str(raw.publishedAt),
        publishedBy: str(raw.publishedBy),
      },
    ]
  })
}

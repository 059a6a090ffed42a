import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { beforeAll, describe, expect, it } from 'vitest'
import { DIST, ensureStudioBuild } from './support/studio-build.js'

interface ManifestChunk {
  file: string
  isEntry?: boolean
  imports?: string[]
  dynamicImports?: string[]
  css?: string[]
}
type Manifest = Record<string, ManifestChunk>

const gz = (file: string) => gzipSync(readFileSync(join(DIST, file))).length
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`

/** Files the browser must fetch before the first screen: the entry and its static imports. */
function firstScreen(manifest: Manifest): Set<string> {
  const entry = Object.keys(manifest).find((k) => manifest[k]!.isEntry)
  if (!entry) throw new Error('no entry in the Vite manifest')
  const seen = new Set<string>()
  const files = new Set<string>()
  const visit = (key: string) => {
    if (seen.has(key)) return
    seen.add(key)
    const chunk = manifest[key]!
    files.add(chunk.file)
    for (const css of chunk.css ?? []) files.add(css)
    for (const imp of chunk.imports ?? []) visit(imp)
  }
  visit(entry)
  return files
}

describe('studio bundle size (production build)', () => {
  let manifest: Manifest
  beforeAll(async () => {
    await ensureStudioBuild()
    manifest = JSON.parse(readFileSync(join(DIST, '.vite/manifest.json'), 'utf8'))
  }, 300_000)

  it('loads the first screen with at most 300 KB of gzipped JavaScript and no Monaco', () => {
    const files = firstScreen(manifest)
    const js = [...files].filter((f) => f.endsWith('.js'))
    const jsGzip = js.reduce((sum, f) => sum + gz(f), 0)
    const cssGzip = [...files].filter((f) => f.endsWith('.css')).reduce((sum, f) => sum + gz(f), 0)
    const allJs = [...new Set(Object.values(manifest).map((c) => c.file))].filter((f) => f.endsWith('.js'))
    const totalGzip = allJs.reduce((sum, f) => sum + gz(f), 0)
    console.info(
      `[bundle] first screen: ${js.length} JS file(s) ${kb(jsGzip)} gzip, CSS ${kb(cssGzip)} gzip; ` +
        `all JS chunks ${kb(totalGzip)} gzip (Monaco and the engine load lazily with the editor)`,
    )
    expect(jsGzip).toBeLessThanOrEqual(300 * 1024)
    // Monaco must not be reachable statically from the entry (its environment hook is in monaco-setup).
    for (const f of js) expect(readFileSync(join(DIST, f), 'utf8')).not.toContain('MonacoEnvironment')
  })

  it('keeps the editor (Monaco) in a lazily imported chunk', () => {
    const lazy = Object.values(manifest).flatMap((c) => c.dynamicImports ?? [])
    expect(lazy.some((k) => k.includes('features/editor/EditorPage'))).toBe(true)
  })
})

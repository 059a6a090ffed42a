// Monaco, loaded only with the editor/diff chunks (never on the first screen). Everything is bundled from
// the local `monaco-editor` package: workers via Vite `?worker`, no CDN, no AMD loader.
import 'monaco-editor/features/register.all.js'
import * as monaco from 'monaco-editor/editor/editor.api.js'
import EditorWorker from 'monaco-editor/editor/editor.worker.js?worker'
import JsonWorker from 'monaco-editor/language/json/json.worker.js?worker'
import { jsonDefaults } from 'monaco-editor/languages/features/json/register.js'
import { registerPolicyLanguageHelp } from './policy-language-help.js'

export type Monaco = typeof monaco

/** Editor models whose URI matches this get the policy schema, completions and hovers. */
export const POLICY_MODEL_PREFIX = 'inmemory://verdict/policy'

let setupDone = false

async function loadPolicySchema(): Promise<unknown | null> {
  // A glob, not a plain import: the build must not break while rules/policy.schema.json is regenerated.
  const found = import.meta.glob('../../../rules/policy.schema.json', { import: 'default' })
  const load = Object.values(found)[0]
  return load ? await load() : null
}

/** Configures Monaco once: workers, JSON schema, policy completions and hovers. */
export async function setupMonaco(): Promise<Monaco> {
  if (setupDone) return monaco
  setupDone = true
  ;(self as unknown as { MonacoEnvironment: unknown }).MonacoEnvironment = {
    getWorker: (_id: string, label: string) => (label === 'json' ? new JsonWorker() : new EditorWorker()),
  }
  const schema = await loadPolicySchema()
  jsonDefaults.setDiagnosticsOptions({
    // Diagnostics come from validatePolicy (same rules as the server) so the worker must not add its
    // own, differently worded schema errors; the schema still drives completion and hover.
    validate: false,
    allowComments: false,
    enableSchemaRequest: false,
    schemas: schema
      ? [{ uri: 'inmemory://verdict/policy.schema.json', fileMatch: [`${POLICY_MODEL_PREFIX}*`], schema }]
      : [],
  })
  // The generated schema already carries the catalogue (fact names, per-fact path enums, operators with
  // descriptions); the engine-driven providers only step in when it is missing, to avoid duplicates.
  if (!schema) registerPolicyLanguageHelp(monaco)
  return monaco
}

export { monaco }

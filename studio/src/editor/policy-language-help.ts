import {
  CATEGORIES,
  DECORATORS,
  EVENT_TYPES,
  FACT_CATALOGUE,
  listFactPaths,
  OPERATORS,
} from '@verdict/engine'
import type * as monacoNs from 'monaco-editor/editor/editor.api.js'
import { type Slot, slotAt } from './completion-context.js'

type Monaco = typeof monacoNs
interface Item {
  label: string
  detail: string
  doc: string
}

const EVENT_HELP: Record<string, string> = {
  score: 'adds `params.points` to the fraud score',
  review: 'forces at least review',
  hold: 'details must be corrected by the customer (`code`, `message`)',
  decline: 'the order is not fulfilled (`code`, `message`)',
  tag: 'adds `params.tag` to the decision; no effect on the outcome',
}

/** Completion items for a slot; `path` items depend on the condition's fact. */
export function itemsFor(slot: Slot, fact: string | null): Item[] {
  switch (slot) {
    case 'fact':
      return Object.entries(FACT_CATALOGUE).map(([name, spec]) => ({
        label: name,
        detail: spec.derived ? 'derived fact' : 'fact',
        doc: spec.description,
      }))
    case 'path':
      if (!fact || !(fact in FACT_CATALOGUE)) return []
      return listFactPaths(fact as keyof typeof FACT_CATALOGUE).map((p) => ({
        label: p.path,
        detail: p.type,
        doc: p.description,
      }))
    case 'operator':
      return [
        ...OPERATORS.map((o) => ({ label: o.name, detail: `operator (${o.origin})`, doc: o.description })),
        ...DECORATORS.map((d) => ({ label: `${d.name}:`, detail: 'decorator', doc: d.description })),
      ]
    case 'eventType':
      return EVENT_TYPES.map((t) => ({ label: t, detail: 'event type', doc: EVENT_HELP[t] ?? '' }))
    case 'category':
      return CATEGORIES.map((c) => ({ label: c, detail: 'category', doc: 'rule category' }))
  }
}

export function registerPolicyLanguageHelp(monaco: Monaco): void {
  const isPolicy = (model: monacoNs.editor.ITextModel) =>
    model.uri.toString().startsWith('inmemory://verdict/policy')

  monaco.languages.registerCompletionItemProvider('json', {
    triggerCharacters: ['"', '.', ':'],
    provideCompletionItems(model, position) {
      if (!isPolicy(model)) return { suggestions: [] }
      const text = model.getValue()
      const ctx = slotAt(text, model.getOffsetAt(position))
      if (!ctx) return { suggestions: [] }
      const start = ctx.replace ? model.getPositionAt(ctx.replace.start) : position
      const end = ctx.replace ? model.getPositionAt(ctx.replace.end) : position
      const range = new monaco.Range(start.lineNumber, start.column, end.lineNumber, end.column)
      return {
        suggestions: itemsFor(ctx.slot, ctx.fact).map((item, i) => ({
          label: item.label,
          kind: monaco.languages.CompletionItemKind.Value,
          detail: item.detail,
          documentation: item.doc,
          insertText: JSON.stringify(item.label),
          filterText: JSON.stringify(item.label),
          sortText: String(i).padStart(4, '0'),
          range,
        })),
      }
    },
  })

  monaco.languages.registerHoverProvider('json', {
    provideHover(model, position) {
      if (!isPolicy(model)) return null
      const ctx = slotAt(model.getValue(), model.getOffsetAt(position))
      if (!ctx?.replace) return null
      const literal = model.getValue().slice(ctx.replace.start + 1, ctx.replace.end - 1)
      const parts = ctx.slot === 'operator' ? literal.split(':') : [literal]
      const help = parts.flatMap((part) => {
        const item = itemsFor(ctx.slot, ctx.fact).find((i) => i.label === part || i.label === `${part}:`)
        return item ? [`**${part}** — ${item.detail}\n\n${item.doc}`] : []
      })
      if (help.length === 0) return null
      const a = model.getPositionAt(ctx.replace.start)
      const b = model.getPositionAt(ctx.replace.end)
      return {
        range: new monaco.Range(a.lineNumber, a.column, b.lineNumber, b.column),
        contents: help.map((value) => ({ value })),
      }
    },
  })
}

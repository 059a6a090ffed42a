/// <reference lib="webworker" />
// Holds the live-impact sample off the main thread: typing never waits for 10,000 evaluations.
import type { PolicyDocument, ReplaySample } from '@verdict/engine'
import { createImpactEvaluator } from './impact-core.js'

type Message =
  | { type: 'load'; sample: ReplaySample; baseline: PolicyDocument }
  | { type: 'evaluate'; id: number; document: PolicyDocument }

let evaluator: ReturnType<typeof createImpactEvaluator> | null = null

self.onmessage = (event: MessageEvent<Message>) => {
  const message = event.data
  try {
    if (message.type === 'load') {
      evaluator = createImpactEvaluator(message.sample, message.baseline)
      self.postMessage({ type: 'loaded', size: evaluator.size })
    } else if (evaluator) {
      self.postMessage({ type: 'result', id: message.id, result: evaluator.evaluate(message.document) })
    }
  } catch (error) {
    const id = message.type === 'evaluate' ? message.id : null
    self.postMessage({ type: 'error', id, message: error instanceof Error ? error.message : String(error) })
  }
}

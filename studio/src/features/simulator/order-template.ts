import { exampleOrder } from '@verdict/engine'

/** The orders.md example to start a simulation from, placed now; the id is unique per call. */
export function orderTemplate(now = new Date()): Record<string, unknown> {
  return {
    ...exampleOrder(),
    id: `SIM-${now.getTime().toString(36).toUpperCase()}`,
    createdAt: now.toISOString().replace(/\.\d+Z$/, 'Z'),
  }
}

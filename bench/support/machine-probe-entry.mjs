// Entry of the machine-probe thread: threads do not inherit tsx's hooks on Node 20 (see read-floor-entry.mjs).
import { register } from 'tsx/esm/api'

register()
await import('./machine-probe-thread.ts')

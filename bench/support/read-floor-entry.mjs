// Entry of a read-floor thread: threads do not inherit tsx's hooks on Node 20 (see chunk-thread-entry.mjs).
import { register } from 'tsx/esm/api'

register()
await import('./read-floor-thread.ts')

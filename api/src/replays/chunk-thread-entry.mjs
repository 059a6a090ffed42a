// Entry of a replay worker thread. Threads do not inherit tsx's module hooks on Node 20, and the API
// runs from TypeScript source: register tsx in this thread, then load the real module.
import { register } from 'tsx/esm/api'

register()
await import('./chunk-thread.ts')

import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

// The API serves the built studio on the same origin in production; in dev, Vite proxies the API paths
// to a running `pnpm start` so the browser never needs CORS.
const apiTarget = process.env.VERDICT_API_URL ?? 'http://localhost:8787'
const proxied = ['/v1', '/openapi.json', '/docs', '/healthz', '/readyz']

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  server: {
    port: 5173,
    proxy: Object.fromEntries(proxied.map((path) => [path, { target: apiTarget, changeOrigin: true }])),
  },
  worker: { format: 'es' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // dist/.vite/manifest.json: test/studio/bundle-size.test.ts walks it to measure the first screen.
    manifest: true,
    // Monaco's own chunk is ~3 MB raw; it is lazy-loaded, so the warning would only be noise.
    chunkSizeWarningLimit: 4000,
  },
})

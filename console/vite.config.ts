// The staff console, built into console/dist and served by the Express app at /console.
// Dev mode: `npm run console:dev` (Vite on :5173, API calls proxied to the app on :3000).
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const api = process.env.JALON_API_URL ?? 'http://127.0.0.1:3000';
const proxied = ['/auth', '/cohorts', '/candidates', '/imports', '/jury-people', '/dashboard', '/statistics', '/openapi.json'];

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/console/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false },
  server: { proxy: Object.fromEntries(proxied.map((p) => [p, { target: api, changeOrigin: false }])) },
});

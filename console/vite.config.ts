import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Built with `vite build console` from the project root, so paths here are relative to console/.
// The Opsdeck server serves dist/ at `/` and the API at `/api/v1` on the same origin;
// in `vite console` (dev) the API is proxied to a running server instead.
export default defineConfig({
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
  },
  server: {
    proxy: { '/api': process.env['OPSDECK_URL'] ?? 'http://127.0.0.1:8080' },
  },
});

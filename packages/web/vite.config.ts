import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

// `vite` (dev) proxies the API to a standalone on :3000; `vite build` writes dist/, which the
// standalone process (and the journey API) serve at /.
const API = ['/employees', '/recognitions', '/organisation', '/surveys', '/suggestions', '/analytics', '/demo'];

export default defineConfig({
  plugins: [preact()],
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', reportCompressedSize: false },
  server: { proxy: Object.fromEntries(API.map((path) => [path, 'http://127.0.0.1:3000'])) },
});

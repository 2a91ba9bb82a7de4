import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// One multi-page build: every app is a page served by the same express server.
export default defineConfig({
  plugins: [svelte()],
  resolve: { alias: { '@core': here('./core'), '@ui': here('./ui') } },
  build: {
    outDir: process.env.LUOT_DIST_DIR ?? 'dist',
    emptyOutDir: true,
    rollupOptions: {
      input: {
        kiosk: here('./kiosk/index.html'),
        counter: here('./counter/index.html'),
        rating: here('./counter/rating/index.html'),
        display: here('./display/index.html'),
        manager: here('./manager/index.html'),
        province: here('./province/index.html'),
      },
    },
  },
});

import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// The window loads ui/dist from inside the Tauri binary: relative paths, no external resources.
export default defineConfig({
  base: './',
  plugins: [svelte()],
  clearScreen: false,
  // The catalogue of words shared with the shell lives in ../assets/i18n.
  server: { port: 5173, strictPort: true, fs: { allow: ['..'] } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // WebView2 on Windows 10 and WebKitGTK on Linux; keep the output modest for old machines.
    target: ['es2020', 'safari14'],
    assetsInlineLimit: 0,
  },
});

// scripts/smoke/npm.sh: `vite build` of vite.html with the installed package. Relative
// asset URLs (base "./"), so the built chunk finds its .wasm beside it from a file too.
import { defineConfig } from "vite";

export default defineConfig({
  base: "./",
  logLevel: "warn",
  build: {
    outDir: "dist",
    // The preload polyfill reads `document`; the test runs the chunk in Node.
    modulePreload: { polyfill: false },
    emptyOutDir: true,
    rollupOptions: { input: "vite.html" },
  },
});

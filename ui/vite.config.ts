// Builds the UI into the Python package, flat (no assets/ folder), so `pip install` ships it as package data.
import { defineConfig } from "vite";

export default defineConfig({
  base: "/static/",
  build: {
    outDir: "../src/marsad/serve/static",
    emptyOutDir: true,
    assetsDir: "",
    sourcemap: false,
    chunkSizeWarningLimit: 250,
  },
  server: {
    // `npm run dev` against a `marsad serve` on the default port.
    proxy: { "/api": "http://127.0.0.1:8000" },
  },
});

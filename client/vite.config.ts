import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

/** Where `vite dev` finds the API (see the root README: `PORT=8080 npx tsx api/src/server.ts`). */
const API = process.env.ANTT_API_URL ?? 'http://localhost:8080'

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: { '/api': API, '/tiles': API },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      output: {
        // The map engines change rarely and are large: separate chunks cache independently of the app.
        manualChunks: (id) => {
          if (id.includes('maplibre-gl')) return 'maplibre'
          if (
            id.includes('@deck.gl') ||
            id.includes('@luma.gl') ||
            id.includes('@math.gl') ||
            id.includes('@loaders.gl')
          )
            return 'deckgl'
          if (id.includes('node_modules/react') || id.includes('scheduler')) return 'react'
          return undefined
        },
      },
    },
  },
})

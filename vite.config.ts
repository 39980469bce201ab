import { minimal2023Preset } from '@vite-pwa/assets-generator/config';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { MANIFEST_HREF } from './client/lib/manifest-href.js';
import { deferManifest } from './scripts/vite/defer-manifest.js';
import { precompress } from './scripts/vite/precompress.js';

/** The icon's own teal: fills the safe zone of maskable and home-screen icons. */
const ICON_BACKGROUND = '#2c5f63';

/** The chunks client/main.ts imports once the first screen is painted. */
const AFTER_PAINT = /(^|\/)(online|SafetyScreen)-[\w-]+\.js$/;

export default defineConfig({
  root: 'client',
  define: {
    __VUE_OPTIONS_API__: 'false',
    __VUE_PROD_DEVTOOLS__: 'false',
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
  },
  plugins: [
    vue(),
    precompress(),
    // Installable and offline: a manifest, icons rendered from the one SVG at build time (nothing
    // generated is committed), and our own service worker (client/sw.ts: precache + push).
    VitePWA({
      strategies: 'injectManifest',
      srcDir: '.',
      filename: 'sw.ts',
      // Registered from client/push/register.ts: no inline script, so the CSP stays strict.
      injectRegister: false,
      manifestFilename: MANIFEST_HREF.slice(1),
      injectManifest: {
        globPatterns: ['**/*.{js,css,html,svg,png,ico}'],
      },
      pwaAssets: {
        image: 'public/favicon.svg',
        preset: {
          ...minimal2023Preset,
          maskable: { sizes: [512], padding: 0.3, resizeOptions: { background: ICON_BACKGROUND } },
          apple: { sizes: [180], padding: 0.15, resizeOptions: { background: ICON_BACKGROUND } },
        },
        includeHtmlHeadLinks: true,
        overrideManifestIcons: true,
        // index.html has its own light and dark theme-color tags.
        injectThemeColor: false,
      },
      manifest: {
        id: '/',
        name: 'Breather',
        short_name: 'Breather',
        description: 'A pause button for two.',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'portrait',
        // Light theme; index.html tells the browser the dark one (#121a1f) with a media query.
        theme_color: '#f5f3ee',
        background_color: '#f5f3ee',
        lang: 'en',
        categories: ['health', 'lifestyle'],
      },
    }),
    deferManifest(),
  ],
  build: {
    modulePreload: {
      // Each preload link the helper adds costs the main thread: for the code loaded after the first
      // paint (client/main.ts) that is a long task while the first screen should answer taps. Its
      // scripts are fetched as the browser finds them instead; stylesheets still load before use.
      resolveDependencies: (file, deps) => (AFTER_PAINT.test(file) ? deps.filter((dep) => dep.endsWith('.css')) : deps),
    },
    outDir: '../dist/client',
    emptyOutDir: true,
    rolldownOptions: {
      output: {
        // Everything the first screen imports statically ships as one chunk: a phone on a slow
        // network then waits for one round trip instead of a waterfall of small modules.
        codeSplitting: { groups: [{ name: 'app', tags: ['$initial'] }] },
      },
    },
  },
  server: {
    // The API lives on the Node server; the dev page talks to it through this proxy so both share one origin.
    proxy: {
      '/socket.io': { target: 'http://localhost:3000', ws: true },
    },
  },
});

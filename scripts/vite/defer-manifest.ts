// Takes vite-plugin-pwa's manifest link out of index.html; the app adds it after the first paint
// (client/lib/manifest-link.ts). A post plugin listed after VitePWA, so its hook runs after the one that
// injects the link.
import type { Plugin } from 'vite';
import { MANIFEST_HREF } from '../../client/lib/manifest-href.js';

export function deferManifest(): Plugin {
  const link = `<link rel="manifest" href="${MANIFEST_HREF}">`;
  return {
    name: 'breather-defer-manifest',
    apply: 'build',
    enforce: 'post',
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        if (!html.includes(link)) throw new Error(`index.html has no ${link} to defer`);
        return html.replace(link, '');
      },
    },
  };
}

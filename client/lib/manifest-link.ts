import { MANIFEST_HREF } from './manifest-href';

/**
 * Links the web app manifest once the first screen is painted: index.html ships without it
 * (scripts/vite/defer-manifest.ts). From the HTML, the browser fetches it at once, alongside the entry
 * script it would slow down on a phone's network; it is read only when deciding the app can be installed.
 */
export function linkManifest(): void {
  if (document.querySelector('link[rel="manifest"]')) return;
  const link = document.createElement('link');
  link.rel = 'manifest';
  link.href = MANIFEST_HREF;
  document.head.append(link);
}

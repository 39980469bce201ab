/** Where the build writes the web app manifest (vite.config.ts) and where the app links it from. */
export const MANIFEST_HREF = '/manifest.webmanifest';

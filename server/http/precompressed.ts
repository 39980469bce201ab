import type { RequestHandler } from 'express';
import { join } from 'node:path';

/**
 * Everything under /assets/ carries a content hash in its name, so a name never changes meaning:
 * cached for a year, never revalidated.
 */
export const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Best first; each written by the build beside the script or stylesheet (scripts/vite/precompress.ts). */
const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;

const TYPES: Record<string, string> = {
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
};

/**
 * Mounted at /assets: sends a script or stylesheet precompressed when the phone accepts that encoding.
 * Anything else, or a file built without its compressed copies, falls through to the static files
 * (and on-the-fly compression).
 */
export function precompressedAssets(assetsDir: string): RequestHandler {
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const match = /^\/([\w-]+(?:\.[\w-]+)*\.(js|css))$/.exec(req.path);
    if (!match) return next();
    const accepted = req.acceptsEncodings(...ENCODINGS.map((e) => e.name));
    const encoding = ENCODINGS.find((e) => e.name === accepted);
    // Caches keep the encodings apart even when this answer is the plain file.
    res.vary('Accept-Encoding');
    if (!encoding) return next();
    res.sendFile(
      join(assetsDir, match[1]! + encoding.suffix),
      {
        headers: {
          'Content-Type': TYPES[match[2]!]!,
          'Content-Encoding': encoding.name,
          'Cache-Control': IMMUTABLE,
        },
        cacheControl: false,
        dotfiles: 'deny',
      },
      (err?: Error) => {
        if (err && !res.headersSent) next();
        else if (err) next(err);
      },
    );
  };
}

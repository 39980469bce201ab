import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../server/config.js';
import { startServer, type TestServer } from '../support/server.js';

/** The built client (global setup builds it when missing; CI builds it before the tests). */
const dist = defaultConfig().clientDir;
const read = (file: string) => readFileSync(join(dist, file), 'utf8');

interface Manifest {
  name: string;
  short_name: string;
  start_url: string;
  scope: string;
  display: string;
  theme_color: string;
  background_color: string;
  icons: Array<{ src: string; sizes: string; type: string; purpose?: string }>;
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const buf = readFileSync(join(dist, file));
  expect(buf.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

/** The precache list vite-plugin-pwa injected into the built service worker. */
function precacheUrls(): string[] {
  const sw = read('sw.js');
  return [...sw.matchAll(/"?url"?\s*:\s*"([^"]+)"/g)].map((m) => m[1]!);
}

/** What index.html loads up front: the entry script, its module preloads and the stylesheets. */
function shellAssets(): string[] {
  const html = read('index.html');
  return [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*\shref)="\/([^"]+)"/g)].map((m) => m[1]!);
}

describe('installable, offline-capable app', () => {
  it('precaches the app shell: index.html and every script and stylesheet it loads', () => {
    const urls = precacheUrls();
    expect(urls).toContain('index.html');
    const shell = shellAssets();
    expect(shell.some((a) => /^assets\/.+\.js$/.test(a))).toBe(true);
    expect(shell.some((a) => /^assets\/.+\.css$/.test(a))).toBe(true);
    for (const asset of shell) expect(urls, asset).toContain(asset);
    // Every lazy chunk too (the break companion must open offline), and nothing twice.
    expect(urls.filter((u) => u.startsWith('assets/') && u.endsWith('.js')).length).toBeGreaterThan(2);
    expect(new Set(urls).size).toBe(urls.length);
    for (const url of urls) expect(existsSync(join(dist, url)), url).toBe(true);
  });

  it('has a valid manifest: name, standalone, colours and icons made from the one SVG', () => {
    const html = read('index.html');
    // The app links the manifest after its first paint (client/lib/manifest-link.ts; checked in the browser tests).
    expect(html).not.toContain('rel="manifest"');
    expect(html).toMatch(/<link rel="apple-touch-icon" href="\/apple-touch-icon-180x180.png">/);
    // Light and dark theme colours for the browser's chrome.
    expect(html).toMatch(/name="theme-color" content="#[0-9a-f]{6}" media="\(prefers-color-scheme: light\)"/);
    expect(html).toMatch(/name="theme-color" content="#[0-9a-f]{6}" media="\(prefers-color-scheme: dark\)"/);
    // No inline script: the CSP allows none.
    expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);

    const manifest = JSON.parse(read('manifest.webmanifest')) as Manifest;
    expect(manifest).toMatchObject({
      name: 'Breather',
      short_name: 'Breather',
      start_url: '/',
      scope: '/',
      display: 'standalone',
    });
    expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
    expect(manifest.background_color).toMatch(/^#[0-9a-f]{6}$/i);
    const icon = (size: number, purpose?: string) =>
      manifest.icons.find(
        (i) =>
          i.sizes === `${size}x${size}` && i.type === 'image/png' && (purpose ? i.purpose === purpose : !i.purpose),
      );
    for (const [size, purpose] of [[192], [512], [512, 'maskable']] as Array<[number, string?]>) {
      const found = icon(size, purpose);
      expect(found, `${size} ${purpose ?? 'any'}`).toBeDefined();
      expect(pngSize(found!.src)).toEqual({ width: size, height: size });
    }
    // One source: the SVG in the repo; the PNGs are build output only.
    expect(existsSync(join(import.meta.dirname, '../../client/public/favicon.svg'))).toBe(true);
    expect(existsSync(join(import.meta.dirname, '../../client/public/pwa-192x192.png'))).toBe(false);
  });

  describe('served by the server', () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startServer();
    });
    afterAll(async () => {
      await server?.stop();
      server?.cleanup();
    });

    it('serves the service worker and the manifest uncached, so a new version is found at once', async () => {
      const sw = await fetch(`${server.url}/sw.js`);
      expect(sw.status).toBe(200);
      expect(sw.headers.get('content-type')).toMatch(/javascript/);
      expect(sw.headers.get('cache-control')).toBe('no-cache');
      const manifest = await fetch(`${server.url}/manifest.webmanifest`);
      expect(manifest.status).toBe(200);
      expect(manifest.headers.get('content-type')).toMatch(/application\/manifest\+json/);
      expect(manifest.headers.get('cache-control')).toBe('no-cache');
      const shell = await fetch(`${server.url}/settings`);
      expect(shell.headers.get('cache-control')).toMatch(/no-cache|no-store/);
      const csp = shell.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("worker-src 'self'");
      expect(csp).toContain("manifest-src 'self'");
    });

    it('sends scripts and stylesheets compressed at build time, cached for good under their hashed names', async () => {
      const entry = shellAssets().find((a) => /^assets\/.+\.js$/.test(a))!;
      const css = shellAssets().find((a) => /^assets\/.+\.css$/.test(a))!;
      for (const [asset, type] of [
        [entry, /^text\/javascript/],
        [css, /^text\/css/],
      ] as const) {
        const plain = readFileSync(join(dist, asset));
        for (const [accept, encoding, suffix] of [
          ['br, gzip', 'br', '.br'],
          ['gzip', 'gzip', '.gz'],
        ] as const) {
          const res = await fetch(`${server.url}/${asset}`, { headers: { 'accept-encoding': accept } });
          expect(res.status).toBe(200);
          expect(res.headers.get('content-encoding'), `${asset} ${accept}`).toBe(encoding);
          expect(res.headers.get('content-type')).toMatch(type);
          expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
          expect(res.headers.get('vary')).toMatch(/accept-encoding/i);
          // The very file the build wrote (fetch decodes it): smaller than compressing on the fly.
          expect(Number(res.headers.get('content-length'))).toBe(readFileSync(join(dist, asset + suffix)).length);
          expect(Buffer.from(await res.arrayBuffer()).equals(plain)).toBe(true);
        }
        const identity = await fetch(`${server.url}/${asset}`, { headers: { 'accept-encoding': 'identity' } });
        expect(identity.headers.get('content-encoding')).toBeNull();
        expect(identity.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
        expect(Buffer.from(await identity.arrayBuffer()).equals(plain)).toBe(true);
      }
    });
  });
});

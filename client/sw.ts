/// <reference lib="webworker" />
/**
 * The service worker: precaches the app shell (HTML, JS, CSS, icons) so the app and its break tools
 * open offline, answers every in-app navigation with the cached shell, and shows neutral push
 * notifications. Built by vite-plugin-pwa (injectManifest), which fills in `self.__WB_MANIFEST`.
 */
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { notificationBody, PUSH_TITLE, type PushPayload } from '../shared/contracts/push';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<{ url: string; revision: string | null }> };

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
// Client routes (/settings, /join…) all load the shell; the server's own paths never do.
registerRoute(
  new NavigationRoute(createHandlerBoundToURL('index.html'), {
    denylist: [/^\/socket\.io\//, /^\/healthz/],
  }),
);

// A new version takes over at once: the shell is served no-cache, so both stay in step.
self.addEventListener('install', () => void self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

let timeFormat: Intl.DateTimeFormat | undefined;
function formatTime(epochMs: number): string {
  timeFormat ??= new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
  // "8:40 pm": calmer than shouting AM/PM.
  return timeFormat.format(epochMs).replace(/\b([AP])\.?M\.?$/i, (_m, ap: string) => `${ap.toLowerCase()}m`);
}

function readPayload(event: PushEvent): PushPayload | null {
  try {
    const data = event.data?.json() as Partial<PushPayload> | undefined;
    if (!data || (data.kind !== 'pause_started' && data.kind !== 'time_up')) return null;
    return {
      v: 1,
      kind: data.kind,
      title: PUSH_TITLE,
      body: '',
      tag: String(data.tag ?? data.kind),
      endsAt: Number(data.endsAt),
    };
  } catch {
    return null;
  }
}

self.addEventListener('push', (event) => {
  const payload = readPayload(event);
  // Browsers require a visible notification for every push; an unreadable one still gets a neutral line.
  const body = payload ? notificationBody(payload, formatTime) : 'Open Breather';
  event.waitUntil(
    self.registration.showNotification(PUSH_TITLE, {
      body,
      tag: payload?.tag ?? 'breather',
      icon: '/pwa-192x192.png',
      badge: '/pwa-64x64.png',
      data: { url: '/' },
    }),
  );
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
      const open = windows.find((w) => new URL(w.url).origin === self.location.origin);
      if (open) {
        await open.focus();
        return;
      }
      await self.clients.openWindow('/');
    })(),
  );
});

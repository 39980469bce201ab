/**
 * Registers the service worker (client/sw.ts, built to /sw.js) once the page has loaded, so it never
 * competes with the first screen. A file, not an inline script: the CSP allows no inline code.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const register = () => {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => {
      // No offline copy this time; the app works the same online.
    });
  };
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}

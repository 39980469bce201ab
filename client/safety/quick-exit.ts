import type { App } from 'vue';
import type { Pinia, StoreGeneric } from 'pinia';
import { safetyLinkCopy } from '../content/safety-links';

/**
 * Quick exit: someone may pick up this phone. One tap (or Escape twice, or Shift+Escape) and:
 * 1. the page is blank at once (the app unmounted, the body emptied, the title neutral);
 * 2. what was in memory goes: the socket closes, every Pinia store is disposed and detached,
 *    and registered cleanups run (decrypted text, keys in memory); the document itself is replaced next;
 * 3. the location is *replaced* with a neutral same-origin page, so the app's entry is gone from history.
 *
 * Back can still reach older entries of this app in the same tab. Those come back as a fresh load
 * (the HTML is served `no-store`, so Chromium keeps no back/forward-cache copy), and `bounceAfterQuickExit`
 * sends them straight on to the neutral page before anything renders. Should a browser restore a page
 * from the back/forward cache anyway, it restores the blank page, and `pageshow` bounces it too.
 * Nothing is deleted from storage: the person can come back later by opening the app.
 */

/** In sessionStorage (this tab only): set by a quick exit, cleared when the app is opened on purpose. */
export const EXITED_KEY = 'breather.exited';
/** Two presses of Escape within this long. */
const DOUBLE_ESCAPE_MS = 800;

const cleanups: Array<() => void> = [];
const stores = new Set<StoreGeneric>();
let exiting = false;

/** Something else holding personal content in memory registers how to drop it. */
export function onQuickExit(cleanup: () => void): void {
  cleanups.push(cleanup);
}

function setExited(on: boolean): void {
  try {
    if (on) sessionStorage.setItem(EXITED_KEY, '1');
    else sessionStorage.removeItem(EXITED_KEY);
  } catch {
    // Without sessionStorage the location.replace still hides the app.
  }
}

function exited(): boolean {
  try {
    return sessionStorage.getItem(EXITED_KEY) === '1';
  } catch {
    return false;
  }
}

function navigationType(): string | undefined {
  const entry = performance.getEntriesByType?.('navigation')[0] as PerformanceNavigationTiming | undefined;
  return entry?.type;
}

function leave(): void {
  location.replace(safetyLinkCopy.exitTo);
}

function blank(): void {
  document.title = 'Weather';
  document.body.replaceChildren();
}

/**
 * Call before the app boots. After a quick exit in this tab, a Back/Forward into the app goes straight
 * on to the neutral page: returns true, and nothing may render. Opening the app on purpose (a link, the
 * address bar, the home-screen icon, a reload) clears the mark and returns false.
 */
export function bounceAfterQuickExit(): boolean {
  if (!exited()) return false;
  if (navigationType() === 'back_forward') {
    blank();
    leave();
    return true;
  }
  setExited(false);
  return false;
}

/** Drops what the app holds in memory: runs the cleanups, unmounts the app, disposes and detaches every store. */
export function dropMemory(app: App | null, pinia: Pinia | null): void {
  for (const cleanup of cleanups.splice(0)) {
    try {
      cleanup();
    } catch {
      // One failing cleanup must not keep the rest (or the exit) from happening.
    }
  }
  try {
    app?.unmount();
  } catch {
    // Already unmounted.
  }
  for (const store of stores) {
    try {
      store.$dispose();
    } catch {
      // Keep going.
    }
  }
  stores.clear();
  // The state is let go of, not overwritten: some watchers live outside the stores' scopes (started from
  // main.ts) and would take a store emptied under them for an unpairing, and delete keys and notes.
  // The page is leaving anyway; what matters is that nothing still on it can reach the words.
  if (pinia) pinia.state.value = {};
}

let installed: { app: App; pinia: Pinia } | null = null;

/** Everything the running app holds in memory goes (delete everything runs this before clearing storage). */
export function dropAppMemory(): void {
  dropMemory(installed?.app ?? null, installed?.pinia ?? null);
}

/** Blank, forget, leave. Safe to call more than once. */
export function quickExit(): void {
  if (exiting) return;
  exiting = true;
  setExited(true);
  blank();
  dropMemory(installed?.app ?? null, installed?.pinia ?? null);
  blank();
  leave();
}

/**
 * Wires quick exit to this app: remembers every store as it is created (a Pinia plugin, so call this
 * before the first store), listens for the keyboard shortcut, and bounces a page restored from the
 * back/forward cache after an exit.
 */
export function installQuickExit(app: App, pinia: Pinia): void {
  installed = { app, pinia };
  pinia.use(({ store }) => {
    stores.add(store);
  });
  let lastEscape = -Infinity;
  window.addEventListener(
    'keydown',
    (event) => {
      if (event.key !== 'Escape') return;
      const now = event.timeStamp;
      if (event.shiftKey || now - lastEscape <= DOUBLE_ESCAPE_MS) {
        event.preventDefault();
        quickExit();
        return;
      }
      lastEscape = now;
    },
    { capture: true },
  );
  window.addEventListener('pageshow', (event) => {
    if (event.persisted && (exiting || exited())) {
      blank();
      leave();
    }
  });
}

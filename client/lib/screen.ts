import type { ViewPhase } from '../../shared/pause/machine';

/** What decides where a phone belongs: what it saved about the couple, and the break's phase. */
export interface NavState {
  linked: boolean;
  paired: boolean;
  agreed: boolean;
  phase: ViewPhase;
}

/** What the home route (`/`) shows. */
export type HomeView = 'welcome' | 'paused' | 'checkin' | 'conversation' | 'calm';

export interface Screen {
  /** Where a phone asking for the path goes instead; null means it stays. */
  redirect: string | null;
  /** What home shows in this state. */
  home: HomeView;
}

/**
 * The one decision of which screen shows, for the router's guard, the redirects that follow the state
 * and the home screen alike.
 * A running break always wins over the agreement, so nobody misses their partner's pause. Just
 * linked, the agreement comes next; after that the home screen says what is missing (and still pauses).
 */
export function screenFor(path: string, s: NavState): Screen {
  return { redirect: redirectFor(path, s), home: homeFor(s) };
}

function redirectFor(path: string, s: NavState): string | null {
  // The safety page is open to everyone, in every state.
  if (path === '/safety') return null;
  if (!s.linked) return path === '/' || path === '/create' || path === '/join' ? null : '/';
  if (!s.paired) return path === '/create' ? null : '/create';
  if (path === '/create' || path === '/join') return s.agreed || s.phase !== 'calm' ? '/' : '/agreement';
  return null;
}

function homeFor(s: NavState): HomeView {
  if (!s.paired) return 'welcome';
  if (s.phase === 'reconnect') return 'conversation';
  return s.phase;
}

/**
 * A break that begins while the phone shows another page takes it home, where the break is; except
 * from the safety page: someone reading it is not pulled away mid-sentence.
 */
export function breakPullsHome(path: string, before: ViewPhase, phase: ViewPhase): boolean {
  return phase !== 'calm' && before === 'calm' && path !== '/' && path !== '/safety';
}

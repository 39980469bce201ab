export interface NavState {
  linked: boolean;
  paired: boolean;
  agreed: boolean;
  calm: boolean;
}

/**
 * Where a phone in this state belongs when it asks for `path`; null means stay.
 * A running break always wins over the agreement, so nobody misses their partner's pause. Just
 * linked, the agreement comes next; after that the home screen says what is missing (and still pauses).
 */
export function redirectFor(path: string, s: NavState): string | null {
  // The safety page is open to everyone, in every state.
  if (path === '/safety') return null;
  if (!s.linked) return path === '/' || path === '/create' || path === '/join' ? null : '/';
  if (!s.paired) return path === '/create' ? null : '/create';
  if (path === '/create' || path === '/join') return s.agreed || !s.calm ? '/' : '/agreement';
  return null;
}

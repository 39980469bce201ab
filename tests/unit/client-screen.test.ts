import { describe, expect, test } from 'vitest';
import { breakPullsHome, screenFor, type HomeView, type NavState } from '../../client/lib/screen.js';
import type { ViewPhase } from '../../shared/pause/machine.js';

const PATHS = ['/', '/create', '/join', '/agreement', '/settings', '/history', '/safety'] as const;
const PHASES: ViewPhase[] = ['calm', 'paused', 'checkin', 'reconnect'];

const fresh: NavState = { linked: false, paired: false, agreed: false, phase: 'calm' };
const waiting: NavState = { linked: true, paired: false, agreed: false, phase: 'calm' };
const justPaired: NavState = { linked: true, paired: true, agreed: false, phase: 'calm' };
const agreed: NavState = { linked: true, paired: true, agreed: true, phase: 'calm' };

/** Each path's redirect, in the order of PATHS. */
const redirects = (s: NavState) => PATHS.map((path) => screenFor(path, s).redirect);

describe('where a phone goes for each path', () => {
  test('not linked: home, create and join stay; every other page goes home, except safety', () => {
    expect(redirects(fresh)).toEqual([null, null, null, '/', '/', '/', null]);
  });

  test('linked, partner not yet joined: everything goes to the invite, except safety', () => {
    expect(redirects(waiting)).toEqual(['/create', null, '/create', '/create', '/create', '/create', null]);
  });

  test('just paired and calm: create and join go on to the agreement', () => {
    expect(redirects(justPaired)).toEqual([null, '/agreement', '/agreement', null, null, null, null]);
  });

  test('agreed: create and join go home', () => {
    expect(redirects(agreed)).toEqual([null, '/', '/', null, null, null, null]);
  });

  test.each(PHASES.filter((p) => p !== 'calm'))('a running break (%s) wins over the agreement: home', (phase) => {
    expect(redirects({ ...justPaired, phase })).toEqual([null, '/', '/', null, null, null, null]);
  });

  test('a break remembered from before does not keep an unpaired phone from the invite', () => {
    expect(redirects({ ...waiting, phase: 'paused' })).toEqual(redirects(waiting));
  });
});

describe('what home shows', () => {
  const home = (s: NavState): HomeView => screenFor('/', s).home;

  test('welcome until the partner has joined, whatever the phase', () => {
    for (const phase of PHASES) {
      expect(home({ ...fresh, phase })).toBe('welcome');
      expect(home({ ...waiting, phase })).toBe('welcome');
    }
  });

  test('paired: the screen of the phase, agreed or not', () => {
    for (const s of [justPaired, agreed]) {
      expect(PHASES.map((phase) => home({ ...s, phase }))).toEqual(['calm', 'paused', 'checkin', 'conversation']);
    }
  });

  test('what home shows does not depend on the path asked for', () => {
    for (const path of PATHS) expect(screenFor(path, { ...agreed, phase: 'checkin' }).home).toBe('checkin');
  });
});

describe('a break that begins takes the phone home', () => {
  test('from any page but home and safety, when the phase leaves calm', () => {
    expect(PATHS.filter((path) => breakPullsHome(path, 'calm', 'paused'))).toEqual([
      '/create',
      '/join',
      '/agreement',
      '/settings',
      '/history',
    ]);
  });

  test('not when the phase moves on within a break, or back to calm', () => {
    const moves: [ViewPhase, ViewPhase][] = [
      ['paused', 'checkin'],
      ['checkin', 'reconnect'],
      ['reconnect', 'paused'],
      ['paused', 'calm'],
      ['reconnect', 'calm'],
    ];
    for (const [before, phase] of moves) expect(breakPullsHome('/settings', before, phase)).toBe(false);
  });
});

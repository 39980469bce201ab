/** One ping: local send time, server time in the reply, local receive time. */
export interface PingSample {
  t0: number;
  serverNow: number;
  t1: number;
}

export const PING_SAMPLES = 6;
/** Of the samples, keep the fastest round trips: their midpoint is closest to when the server read its clock. */
export const PING_KEEP = 3;

export interface OffsetEstimate {
  /** Add to the local clock to get server time. */
  offsetMs: number;
  /** The round trip of the best sample: the estimate is good to within half of it. */
  rttMs: number;
}

export function estimateOffset(samples: readonly PingSample[], keep = PING_KEEP): OffsetEstimate {
  if (samples.length === 0) throw new RangeError('no ping samples');
  const fastest = samples
    .map((s) => ({ rtt: s.t1 - s.t0, offset: s.serverNow - (s.t0 + s.t1) / 2 }))
    .filter((s) => s.rtt >= 0)
    .sort((a, b) => a.rtt - b.rtt)
    .slice(0, keep);
  if (fastest.length === 0) throw new RangeError('no usable ping samples');
  const offsets = fastest.map((s) => s.offset).sort((a, b) => a - b);
  return { offsetMs: median(offsets), rttMs: fastest[0]!.rtt };
}

function median(sorted: number[]): number {
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Milliseconds left until the deadline, never negative, from a local clock corrected by the offset. */
export function remainingMs(endsAt: number, localNow: number, offsetMs: number): number {
  return Math.max(0, endsAt - (localNow + offsetMs));
}

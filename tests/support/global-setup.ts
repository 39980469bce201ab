import { ensureClientBuild } from '../../scripts/ensure-client-build.mjs';

/** Browser tests need the built client; build it once if a fresh clone has none. */
export default async function setup(): Promise<void> {
  await ensureClientBuild();
}

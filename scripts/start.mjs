// `npm start`: build the client and the server if needed, then run the compiled server with its production flags.
import { spawn } from 'node:child_process';
import { ensureClientBuild } from './ensure-client-build.mjs';
import { ensureServerBuild } from './ensure-server-build.mjs';
import { SERVER_BUNDLE } from './build-server.mjs';
import { SERVER_NODE_FLAGS } from './server-flags.mjs';

await ensureClientBuild();
await ensureServerBuild();
const server = spawn(process.execPath, ['--enable-source-maps', ...SERVER_NODE_FLAGS, SERVER_BUNDLE], {
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

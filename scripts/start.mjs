// `npm start`: build the client if needed, then run the server with its production flags.
import { spawn } from 'node:child_process';
import { ensureClientBuild } from './ensure-client-build.mjs';
import { SERVER_ENTRY, SERVER_NODE_FLAGS } from './server-flags.mjs';

await ensureClientBuild();
const server = spawn(process.execPath, [...SERVER_NODE_FLAGS, '--import', 'tsx', SERVER_ENTRY], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

// Node flags for the server process, shared by `npm start`, the benchmarks and the restart test.
// A small young generation keeps memory per idle socket low; the scavenges it adds are cheap.
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=2'];
export const SERVER_ENTRY = 'server/main.ts';

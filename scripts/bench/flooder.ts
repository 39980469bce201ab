// The attacker for bench:flood, in its own process so that the server's event loop is what is measured.
// One shape, from one local address, until killed: prints one JSON line of what it did on SIGTERM.
import { parseArgs } from 'node:util';
import { io, type Socket } from 'socket.io-client';

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    shape: { type: 'string' },
    address: { type: 'string' },
  },
});
const url = values.url!;
const localAddress = values.address!;
const stats = { connects: 0, refused: 0, cut: 0, events: 0 };
/** Frames written per turn of the event loop, as long as the socket takes them (its send buffer stays under 1 MB). */
const BATCH = 200;
const LARGE = 'x'.repeat(900_000);
const RETRY_MS = 5;
const ROUND_MS = 1000;

function open(): Socket {
  return io(url, { transports: ['websocket'], forceNew: true, reconnection: false, localAddress } as Parameters<
    typeof io
  >[1]);
}

/**
 * One socket that sends `payload` as fast as it can and, like a determined attacker, tries again
 * 5 ms after being cut off or refused (on one shared machine a busier retry loop only starves
 * everything else, the measuring process included).
 */
function flooding(payload: () => unknown, batch = BATCH): void {
  const socket = open();
  let timer: NodeJS.Immediate | null = null;
  const blast = () => {
    if (!socket.connected) return;
    const ws = (socket.io.engine.transport as unknown as { ws?: { bufferedAmount: number } }).ws;
    if (!ws || ws.bufferedAmount < 1_000_000) {
      for (let i = 0; i < batch; i++) socket.emit('time:ping', payload(), () => {});
      stats.events += batch;
    }
    timer = setImmediate(blast);
  };
  socket.on('connect', () => {
    stats.connects++;
    blast();
  });
  const again = () => {
    if (timer) clearImmediate(timer);
    socket.removeAllListeners();
    socket.close();
    setTimeout(() => flooding(payload, batch), RETRY_MS);
  };
  socket.on('disconnect', () => (stats.cut++, again()));
  socket.on('connect_error', () => (stats.refused++, again()));
}

/** A round of 2,000 connection attempts at once (each kept open if the server lets it), every second. */
async function connecting(): Promise<void> {
  const held: Socket[] = [];
  for (;;) {
    const round = new Promise((r) => setTimeout(r, ROUND_MS));
    await Promise.all(
      Array.from(
        { length: 2000 },
        () =>
          new Promise<void>((done) => {
            const socket = open();
            socket.once('connect', () => (stats.connects++, held.push(socket), done()));
            socket.once('connect_error', () => (stats.refused++, socket.close(), done()));
          }),
      ),
    );
    await round;
  }
}

process.on('SIGTERM', () => {
  // Its own CPU too: on a shared machine the flooder competes with the server for cores.
  const cpu = process.cpuUsage();
  console.log(JSON.stringify({ ...stats, cpu_ms: Math.round((cpu.user + cpu.system) / 1000) }));
  process.exit(0);
});

console.log('flooding');
switch (values.shape) {
  case 'tiny_events':
    flooding(() => ({ t0: 1 }));
    break;
  case 'large_events':
    flooding(() => ({ t0: LARGE }), 1);
    break;
  case 'sockets_50':
    for (let i = 0; i < 50; i++) flooding(() => ({ t0: 1 }));
    break;
  case 'connect_2000':
    void connecting();
    break;
  default:
    throw new Error(`unknown shape ${values.shape}`);
}

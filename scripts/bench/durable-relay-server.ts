// The durable baseline: the floor for a pause that must survive a crash. For each event it commits one
// row to SQLite (WAL, synchronous=FULL, the real store's group commit), then acks and forwards the event
// to the sender's room. No validation, no state machine, no snapshot.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Server } from 'socket.io';
import { groupCommit } from '../../server/store/sqlite/group-commit.js';

const dir = mkdtempSync(join(tmpdir(), 'breather-durable-relay-'));
const db = new Database(join(dir, 'relay.db'));
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.exec('CREATE TABLE events (id INTEGER PRIMARY KEY, room TEXT NOT NULL, payload TEXT NOT NULL)');
const insert = db.prepare('INSERT INTO events (room, payload) VALUES (?, ?)');
const writes = groupCommit(db);

const httpServer = createServer();
const io = new Server(httpServer, { serveClient: false });

io.on('connection', (socket) => {
  const room = String(socket.handshake.auth.room);
  void socket.join(room);
  socket.on('relay', (payload: unknown, ack: (res: unknown) => void) => {
    const committed = () => {
      ack({ data: payload });
      socket.to(room).emit('relayed', payload);
    };
    void writes.add(() => insert.run(room, JSON.stringify(payload)).changes === 1, committed);
  });
});

httpServer.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const { port } = httpServer.address() as AddressInfo;
  console.log(JSON.stringify({ msg: 'server.listening', port }));
});
process.on('SIGTERM', () => {
  void io.close(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  });
});

// The baseline: a bare Socket.IO relay that forwards one event to the sender's room, nothing else.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';

const httpServer = createServer();
const io = new Server(httpServer, { serveClient: false });

io.on('connection', (socket) => {
  const room = String(socket.handshake.auth.room);
  void socket.join(room);
  socket.on('relay', (payload: unknown, ack: (res: unknown) => void) => {
    ack({ data: payload });
    socket.to(room).emit('relayed', payload);
  });
});

httpServer.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const { port } = httpServer.address() as AddressInfo;
  console.log(JSON.stringify({ msg: 'server.listening', port }));
});
process.on('SIGTERM', () => void io.close(() => process.exit(0)));

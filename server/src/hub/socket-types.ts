// The typed Socket.IO server and socket: the shared event maps are their generics, so a renamed event or field
// fails to compile here and in the client alike.

import type { ClientToServerEvents, InterServerEvents, ServerToClientEvents, SocketData } from '@tickline/shared';
import type { Server, Socket } from 'socket.io';

export type TicklineServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type TicklineSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

import { createServer, type Server, type Socket } from 'node:net';
import { type PGlite } from '@electric-sql/pglite';
import { BackendLock } from './backend-lock';

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
const SYNC_MESSAGE = new Uint8Array([0x53, 0, 0, 0, 4]);
const ROLLBACK_MESSAGE = simpleQuery('ROLLBACK');
const TERMINATE = 0x58;
/** Messages after which the backend answers ReadyForQuery: Query, Sync, Password, FunctionCall. */
const UNIT_END_TYPES = new Set([0x51, 0x53, 0x70, 0x46]);

export class PortInUseError extends Error {
  constructor(
    readonly host: string,
    readonly port: number,
  ) {
    super(`Port ${host}:${port} is already in use`);
    this.name = 'PortInUseError';
  }
}

export interface WireServerOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  maxConnections: number;
}

/**
 * Serves one PGlite instance over the Postgres wire protocol.
 *
 * We do not use `PGLiteSocketServer` from @electric-sql/pglite-socket: it queues single
 * protocol messages, so under a pool the Parse/Bind/Execute of two connections interleave
 * ("portal does not exist", or worse, one client reading another's rows). Here a connection
 * owns the backend from its first message until the backend is idle again (see BackendLock).
 */
export class PGliteWireServer {
  private readonly server: Server;
  private readonly connections = new Set<WireConnection>();
  private readonly lock = new BackendLock<WireConnection>();
  private readonly databaseReady: Promise<PGlite>;
  private provideDatabase!: (db: PGlite) => void;

  constructor(private readonly options: WireServerOptions) {
    this.databaseReady = new Promise((resolve) => (this.provideDatabase = resolve));
    this.server = createServer((socket) => this.accept(socket));
  }

  /** Binds the port first, so a busy port fails before any data directory is opened. */
  async listen(): Promise<number> {
    const { host, port } = this.options;
    await new Promise<void>((resolve, reject) => {
      const onError = (error: NodeJS.ErrnoException) => {
        reject(error.code === 'EADDRINUSE' ? new PortInUseError(host, port) : error);
      };
      this.server.once('error', onError);
      this.server.listen(port, host, () => {
        this.server.off('error', onError);
        resolve();
      });
    });
    const address = this.server.address();
    if (address === null || typeof address === 'string') throw new Error('Expected a TCP address');
    return address.port;
  }

  /** Connections accepted before this wait for it. */
  serve(db: PGlite): void {
    this.provideDatabase(db);
  }

  /** Closes every client connection and stops listening; the PGlite instance stays open. */
  async close(): Promise<void> {
    const closing = new Promise<void>((resolve) => this.server.close(() => resolve()));
    await Promise.all([...this.connections].map((connection) => connection.close()));
    await closing;
  }

  private accept(socket: Socket): void {
    socket.setNoDelay(true);
    if (this.connections.size >= this.options.maxConnections) {
      rejectConnection(socket, 'sorry, too many clients already');
      return;
    }
    const connection = new WireConnection(socket, this.databaseReady, this.lock, () =>
      this.connections.delete(connection),
    );
    this.connections.add(connection);
  }
}

class WireConnection {
  private buffer = Buffer.alloc(0);
  private startupDone = false;
  private closed = false;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly socket: Socket,
    private readonly databaseReady: Promise<PGlite>,
    private readonly lock: BackendLock<WireConnection>,
    private readonly onClosed: () => void,
  ) {
    socket.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      this.queue = this.queue.then(() => this.drain()).catch((error: unknown) => this.fail(error));
    });
    socket.on('error', () => void this.close());
    socket.on('close', () => void this.close());
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.onClosed();
    this.socket.destroy();
    if (this.lock.isHeldBy(this)) {
      // The client left mid-query or mid-transaction: put the shared backend back to idle.
      const db = await this.databaseReady;
      // Raw protocol only: db.exec() would wait for the mutex runExclusive already holds.
      await db.runExclusive(async () => {
        await db.execProtocolRaw(SYNC_MESSAGE);
        if (db.isInTransaction()) await db.execProtocolRaw(ROLLBACK_MESSAGE);
      });
    }
    this.lock.forget(this);
  }

  private fail(error: unknown): void {
    if (!this.closed) {
      const message = error instanceof Error ? error.message : String(error);
      rejectConnection(this.socket, `embedded database error: ${message}`);
    }
    void this.close();
  }

  private async drain(): Promise<void> {
    while (!this.closed) {
      const message = this.startupDone ? this.takeTypedMessage() : this.takeStartupMessage();
      if (message === null) return;
      if (message === 'handled') continue;
      if (message.bytes[0] === TERMINATE && !message.startup) {
        // Terminate: the shared backend must not see it.
        await this.close();
        return;
      }
      await this.execute(message.bytes, message.startup);
    }
  }

  private takeStartupMessage(): WireMessage | 'handled' | null {
    if (this.buffer.length < 8) return null;
    const length = this.buffer.readInt32BE(0);
    if (this.buffer.length < length) return null;
    const code = this.buffer.readInt32BE(4);
    const message = this.buffer.subarray(0, length);
    this.buffer = this.buffer.subarray(length);
    if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
      this.socket.write('N');
      return 'handled';
    }
    if (code === CANCEL_REQUEST) {
      // One backend serves everyone: cancelling "its" query could hit another client's.
      void this.close();
      return null;
    }
    this.startupDone = true;
    return { bytes: new Uint8Array(message), startup: true };
  }

  private takeTypedMessage(): WireMessage | null {
    if (this.buffer.length < 5) return null;
    const length = 1 + this.buffer.readInt32BE(1);
    if (this.buffer.length < length) return null;
    const bytes = new Uint8Array(this.buffer.subarray(0, length));
    this.buffer = this.buffer.subarray(length);
    return { bytes, startup: false };
  }

  private async execute(message: Uint8Array, startup: boolean): Promise<void> {
    const db = await this.databaseReady;
    await this.lock.acquire(this);
    if (this.closed) {
      this.lock.release(this);
      return;
    }
    await db.runExclusive(() =>
      db.execProtocolRawStream(message, {
        onRawData: (data) => {
          if (!this.closed) this.socket.write(Buffer.from(data));
        },
      }),
    );
    // The lock stays while a transaction block is open (a failed one too, until the client
    // rolls it back), and between the Parse and the Sync of an extended-protocol batch.
    const endsUnit = startup || UNIT_END_TYPES.has(message[0] ?? 0);
    if (endsUnit && !db.isInTransaction()) this.lock.release(this);
  }
}

interface WireMessage {
  bytes: Uint8Array;
  startup: boolean;
}

function simpleQuery(sql: string): Uint8Array {
  const body = Buffer.from(`${sql}\0`);
  const header = Buffer.alloc(5);
  header.write('Q', 0);
  header.writeInt32BE(body.length + 4, 1);
  return new Uint8Array(Buffer.concat([header, body]));
}

/** Sends a FATAL ErrorResponse the way Postgres refuses a connection, then hangs up. */
function rejectConnection(socket: Socket, text: string): void {
  const fields = Buffer.concat([
    Buffer.from('SFATAL\0'),
    Buffer.from('C53300\0'),
    Buffer.from(`M${text}\0`),
    Buffer.from('\0'),
  ]);
  const header = Buffer.alloc(5);
  header.write('E', 0);
  header.writeInt32BE(fields.length + 4, 1);
  socket.end(Buffer.concat([header, fields]));
}

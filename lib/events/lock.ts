import "server-only";
import { randomUUID } from "node:crypto";
import { linkSync, renameSync, rmSync, statSync } from "node:fs";
import { createConnection, createServer, type Server } from "node:net";
import path from "node:path";

export class StoreLockedError extends Error {
  override name = "StoreLockedError";
}

/**
 * PGlite is PostgreSQL in WASM inside this process: nothing stops a second process from opening the same
 * directory, and two writers corrupt it. The lock is a unix socket that the owner listens on, beside the
 * directory. The kernel stops answering on it the moment the owner dies, however it dies (kill -9, an OOM
 * kill), so a lock nobody answers on is stale by construction. A pid file cannot know that: in a container
 * the restarted server often gets the same pid back and took the old lock for its own, and a pid from
 * another container's pid namespace means nothing here. A socket also works across containers that share
 * the volume (a rolling deploy), where a pid or process start time cannot be checked at all.
 *
 * Returns the release function. Throws StoreLockedError when another live process (or this one) holds it.
 */
export async function lockDataDir(dataDir: string): Promise<() => void> {
  const lockPath = `${dataDir}.lock`;
  // Bound under a private name first, then hard-linked into place: link() fails when the name exists, so
  // of two servers starting together exactly one gets the lock.
  const candidate = `${lockPath}.${process.pid}.${randomUUID().slice(0, 8)}`;
  const server = createServer((socket) => {
    // A prober that hangs up before the pid is written must not crash the holder with EPIPE.
    socket.on("error", () => {});
    socket.end(String(process.pid));
  });
  server.on("error", () => {});
  try {
    await listen(server, bindable(candidate, dataDir));
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        linkSync(candidate, lockPath);
      } catch (error) {
        if (!isErrno(error, "EEXIST")) throw error;
        await takeOverIfStale(lockPath, candidate, dataDir);
        continue;
      }
      rmSync(candidate, { force: true });
      return holding(server, lockPath);
    }
    throw new StoreLockedError(`Could not take the lock ${lockPath}: another process keeps replacing it.`);
  } catch (error) {
    server.close();
    rmSync(candidate, { force: true });
    throw error;
  }
}

function holding(server: Server, lockPath: string): () => void {
  // Only the process that bound a socket can serve it; what identifies our lock file is its inode.
  const ino = statSync(lockPath).ino;
  // The lock must not keep a script (npm run seed) alive once its work is done.
  server.unref();
  const release = () => {
    process.off("exit", release);
    server.close();
    try {
      if (statSync(lockPath).ino === ino) rmSync(lockPath, { force: true });
    } catch {
      // Already gone.
    }
  };
  process.on("exit", release);
  return release;
}

/**
 * A lock file nobody answers on is moved aside, atomically, and checked again once moved: if another
 * starting server replaced the stale file in between, what was moved is its live lock, which goes back.
 */
async function takeOverIfStale(lockPath: string, candidate: string, dataDir: string): Promise<void> {
  const owner = await holder(lockPath, dataDir);
  if (owner !== null) throw lockedBy(owner, dataDir);
  const aside = `${candidate}.stale`;
  try {
    renameSync(lockPath, aside);
  } catch (error) {
    if (isErrno(error, "ENOENT")) return;
    throw error;
  }
  const moved = await holder(aside, dataDir);
  if (moved !== null) {
    try {
      linkSync(aside, lockPath);
    } catch {
      // A third server took the name meanwhile; its lock stands.
    }
    rmSync(aside, { force: true });
    throw lockedBy(moved, dataDir);
  }
  rmSync(aside, { force: true });
}

function lockedBy(owner: number | "unknown", dataDir: string): StoreLockedError {
  const who =
    owner === process.pid ? "this process" : owner === "unknown" ? "another process" : `process ${owner}`;
  return new StoreLockedError(
    `The embedded event store at ${dataDir} is already open in ${who}. PGlite can be used by one ` +
      "process at a time: stop the other one (a running `next dev`/`next start`, `npm run seed`, a " +
      "benchmark), or set DATABASE_URL to a PostgreSQL server that any number of processes can share.",
  );
}

/**
 * Who listens on the lock: its pid, "unknown" when it accepted the connection but is too busy to say
 * (PGlite can hold the event loop for seconds), null when nobody listens (the file is stale, or not a
 * socket at all, as the pid files of earlier versions).
 */
function holder(lockPath: string, dataDir: string): Promise<number | "unknown" | null> {
  return new Promise((resolve) => {
    const socket = createConnection(bindable(lockPath, dataDir));
    let reply = "";
    let connected = false;
    const done = (value: number | "unknown" | null) => {
      socket.destroy();
      resolve(value);
    };
    socket.setTimeout(1_000, () => done(connected ? "unknown" : null));
    socket.on("connect", () => (connected = true));
    socket.on("data", (chunk: Buffer) => (reply += chunk.toString()));
    socket.on("end", () => done(Number.parseInt(reply, 10) || "unknown"));
    socket.on("error", () => done(connected ? "unknown" : null));
  });
}

/** A unix socket path is limited to about 100 bytes; a long absolute DATA_DIR may fit relative to the cwd. */
const MAX_SOCKET_PATH = 100;

function bindable(socketPath: string, dataDir: string): string {
  const relative = path.relative(process.cwd(), socketPath);
  for (const candidate of [socketPath, relative.startsWith(".") ? relative : `./${relative}`]) {
    if (Buffer.byteLength(candidate) <= MAX_SOCKET_PATH) return candidate;
  }
  throw new StoreLockedError(
    `The embedded event store's lock beside ${dataDir} would be a path longer than ${MAX_SOCKET_PATH} bytes, ` +
      "more than a unix socket allows: choose a shorter DATA_DIR, or start the server from a directory closer to it.",
  );
}

function listen(server: Server, socketPath: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(socketPath, () => {
      server.off("error", reject);
      resolve();
    });
  });
}

export function isErrno(error: unknown, code: string): boolean {
  return error instanceof Error && "code" in error && error.code === code;
}

/**
 * Everything a bench script starts registers its stop function here, so that a failure, Ctrl-C or a
 * SIGTERM from CI still stops every server and removes every temporary file. A server left running
 * would hold its port and (PGlite) its store lock, and break the next run.
 */
type Task = { name: string; run: () => Promise<void> | void; sync?: () => void };

const tasks: Task[] = [];
let installed = false;

/** Returns a function that runs the task now (once) and unregisters it. */
export function onCleanup(
  name: string,
  run: () => Promise<void> | void,
  sync?: () => void,
): () => Promise<void> {
  install();
  const task: Task = { name, run, sync };
  tasks.push(task);
  return async () => {
    const i = tasks.indexOf(task);
    if (i === -1) return;
    tasks.splice(i, 1);
    await task.run();
  };
}

/** Last registered first: a server stops before the directory it writes to is removed. */
export async function cleanupAll(): Promise<void> {
  while (tasks.length > 0) {
    const task = tasks.pop()!;
    try {
      await task.run();
    } catch (error) {
      console.error(
        `cleanup (${task.name}) failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}

function install(): void {
  if (installed) return;
  installed = true;
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.once(signal, () => {
      console.error(`\n${signal}: stopping everything this script started …`);
      void cleanupAll().finally(() => process.exit(130));
    });
  }
  // Last resort when the event loop is already gone (process.exit, an uncaught error): only
  // synchronous work is possible here, so servers get SIGKILL and files a synchronous remove.
  process.once("exit", () => {
    for (const task of tasks.reverse()) {
      try {
        task.sync?.();
      } catch {
        // Nothing more can be done while exiting.
      }
    }
  });
}

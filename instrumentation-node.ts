/**
 * Start-up on the Node.js runtime. A bad environment stops the process here with exit code 1 and the
 * variable's name (never its value). Next only logs an error thrown from this hook and keeps serving,
 * answering every request with a bare 500, so a misconfigured server would look alive to its process
 * manager and health checks while helping nobody. Stopping instead makes the deploy fail where the
 * operator looks (the start command's output and exit status), and no page can ever render half-configured.
 */
export async function registerNode() {
  (await import("@/lib/http-guard")).refuseUnsupportedMethods();
  const { env, EnvError, exposedSecretVariables } = await import("@/lib/env");
  let databaseUrl: string | undefined;
  try {
    databaseUrl = env().DATABASE_URL;
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    console.error(`[env] not starting: ${error.message}`);
    process.exit(1);
  }
  if (!databaseUrl) await claimEmbeddedStore();
  (await import("@/lib/alerts/scheduler")).startAlertScheduler();
  const exposed = exposedSecretVariables();
  if (exposed.length > 0) {
    console.warn(
      `[env] ${exposed.join(", ")} would be shipped to every browser (NEXT_PUBLIC_/VITE_ prefix). Move the value to a server-only variable such as FAL_ADMIN_KEY.`,
    );
  }
}

/**
 * The embedded store is opened now, not on the first request: a second server on the same DATA_DIR then
 * stops here with the reason, instead of reporting itself live and answering 500 to every event request.
 * Any other failure (a full or read-only disk) leaves the server up: health, login and the fal panels do
 * not need the store, and its routes explain the failure.
 */
async function claimEmbeddedStore() {
  const { defaultEventStore, StoreLockedError } = await import("@/lib/events/db");
  try {
    await defaultEventStore();
  } catch (error) {
    const cause = error instanceof Error ? error.cause : undefined;
    const message = error instanceof Error ? error.message : String(error);
    if (cause instanceof StoreLockedError) {
      console.error(`[events] not starting: ${message}`);
      process.exit(1);
    }
    console.error(`[events] the event store could not be opened yet: ${message}`);
  }
}

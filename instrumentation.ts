/** Runs once when the server starts: a bad environment stops it here, naming the variable. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env, exposedSecretVariables } = await import("@/lib/env");
  env();
  const exposed = exposedSecretVariables();
  if (exposed.length > 0) {
    console.warn(
      `[env] ${exposed.join(", ")} would be shipped to every browser (NEXT_PUBLIC_/VITE_ prefix). Move the value to a server-only variable such as FAL_ADMIN_KEY.`,
    );
  }
}

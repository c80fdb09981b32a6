/** The simulator's default credentials. Dummy values: they open nothing but the simulator. */
export const SIM_KEYS = {
  admin: "simadmin-0001:sk_sim_admin_7f3c9a1e5b2d4c6f",
  api: "simapi-0002:sk_sim_api_2b8e4d6f1a3c5e7b",
  revoked: "simrevoked-0003:sk_sim_revoked_9d1f3b5a7c2e4f6a",
  replicate: "r8_SimulatorToken0123456789abcdefABCDEF",
} as const;

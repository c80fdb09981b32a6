import { defineConfig } from "drizzle-kit";

// `npx drizzle-kit generate` writes the SQL the event store applies at startup; the files are committed.
export default defineConfig({
  dialect: "postgresql",
  schema: ["./lib/events/schema.ts", "./lib/alerts/schema.ts"],
  out: "./drizzle",
});

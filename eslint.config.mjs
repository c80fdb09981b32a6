import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

/** What the browser bundles must not reach (see the client-boundary block below). */
const CLIENT_BOUNDARY = [
  {
    group: [
      "@/lib/fal/*",
      "@/lib/events/*",
      "@/lib/auth/*",
      "@/lib/health/*",
      "@/lib/ai/*",
      "@/lib/api/*",
      "@/lib/replicate/*",
      "@/lib/env",
      "@/lib/prefetch",
      "@/lib/time/zone",
      "@/lib/time/range",
    ],
    message: "Server-only module: client code imports shapes from lib/contracts instead.",
  },
  {
    group: ["server-only", "node:*", "luxon", "pg", "@electric-sql/*", "drizzle-orm*"],
    message: "Not for the browser bundle.",
  },
];

/** Contract modules client code imports values from; they stay free of zod. */
const CLIENT_CONTRACTS = ["codes", "diagnosis", "permissions", "routes"];

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": [
        "error",
        { prefer: "type-imports", fixStyle: "separate-type-imports", disallowTypeAnnotations: false },
      ],
    },
  },
  {
    // The client boundary: what the browser bundles must not reach modules that read keys, secrets or
    // the database — not even for a type, which is how a server shape leaks into client code unnoticed.
    // Shapes the browser needs are zod contracts in lib/contracts (see docs/architecture.md).
    files: [
      "components/**/*.{ts,tsx}",
      "lib/hooks/**/*.{ts,tsx}",
      "lib/contracts/**/*.ts",
      "lib/view-state.ts",
      "lib/time/wall.ts",
      "lib/time/partial.ts",
      "lib/format.ts",
      "lib/csv.ts",
      "lib/banner.ts",
      "lib/watch-format.ts",
      "app/providers.tsx",
    ],
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: CLIENT_BOUNDARY,
        },
      ],
    },
  },
  {
    // Client code takes only types from the zod contracts: a value import would bring zod (36 kB gzip, and
    // its schemas built at start-up) into every page. The few modules it loads at runtime are zod-free.
    files: ["components/**/*.{ts,tsx}", "lib/hooks/**/*.{ts,tsx}", "app/providers.tsx"],
    ignores: ["**/*.test.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/lib/contracts/*", ...CLIENT_CONTRACTS.map((m) => `!@/lib/contracts/${m}`)],
              allowTypeImports: true,
              message:
                "Zod contract: import its types only (`import type`), or move the value to a zod-free module.",
            },
          ],
        },
      ],
    },
  },
  {
    files: CLIENT_CONTRACTS.map((m) => `lib/contracts/${m}.ts`),
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            ...CLIENT_BOUNDARY,
            {
              group: ["zod"],
              message: "The browser loads this module: keep zod (and its schemas) out of it.",
            },
          ],
        },
      ],
    },
  },
  globalIgnores([
    ".next/**",
    "out/**",
    "build/**",
    "next-env.d.ts",
    "playwright-report/**",
    "test-results/**",
    "e2e/screenshots/**",
    ".data/**",
    "drizzle/**",
  ]),
]);

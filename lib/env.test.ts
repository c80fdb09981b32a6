import { describe, expect, it } from "vitest";
import { parseEnv, publicSecretVariables } from "@/lib/env";

describe("parseEnv", () => {
  it("applies defaults", () => {
    const e = parseEnv({});
    expect(e.FAL_API_BASE_URL).toBe("https://api.fal.ai/v1");
    expect(e.DASHBOARD_TIMEZONE).toBe("UTC");
    expect(e.FAL_ENDPOINTS).toEqual([]);
  });

  it("treats empty strings as unset and splits FAL_ENDPOINTS", () => {
    const e = parseEnv({ FAL_KEY: "", FAL_ENDPOINTS: "fal-ai/flux/dev, fal-ai/flux/schnell," });
    expect(e.FAL_KEY).toBeUndefined();
    expect(e.FAL_ENDPOINTS).toEqual(["fal-ai/flux/dev", "fal-ai/flux/schnell"]);
  });

  it.each([
    ["DASHBOARD_TIMEZONE", "Mars/Olympus"],
    ["FAL_API_BASE_URL", "not a url"],
    ["DATABASE_URL", "mysql://x"],
    ["SESSION_SECRET", "short"],
    ["INGEST_TOKEN", "short"],
    ["FAL_TIMEOUT_MS", "-5"],
  ])("a bad %s fails naming the variable", (name, value) => {
    expect(() => parseEnv({ [name]: value })).toThrow(name);
  });

  it.each([
    ["DASHBOARD_TIMEZONE", "Secret/Zone-x7Q"],
    ["FAL_API_BASE_URL", "ftp://secret-x7Q.example"],
    ["DATABASE_URL", "mysql://user:secret-x7Q@db"],
    ["SESSION_SECRET", "secret-x7Q"],
    ["DASHBOARD_PASSWORD", "x7Q"],
    ["INGEST_TOKEN", "secret-x7Q"],
    ["DASHBOARD_AUTH", "secret-x7Q"],
    ["TRUST_PROXY", "secret-x7Q"],
    ["FAL_CACHE_MAX_MB", "secret-x7Q"],
  ])("the error for a bad %s never repeats its value", (name, value) => {
    // The message goes to logs and, at start-up, to whatever collects the server's output.
    expect(() => parseEnv({ SESSION_SECRET: "s".repeat(32), [name]: value })).toThrow(name);
    expect(() => parseEnv({ SESSION_SECRET: "s".repeat(32), [name]: value })).not.toThrow(/x7Q/);
  });

  it("does not reject a malformed key: that is a diagnosis, not a startup failure", () => {
    expect(parseEnv({ FAL_ADMIN_KEY: "no-colon" }).FAL_ADMIN_KEY).toBe("no-colon");
  });

  it("finds secrets in variables that would ship to browsers", () => {
    expect(
      publicSecretVariables({
        NEXT_PUBLIC_FAL_KEY: "x",
        NEXT_PUBLIC_TITLE: "y",
        VITE_FAL_KEY: "z",
        FAL_KEY: "k",
      }),
    ).toEqual(["NEXT_PUBLIC_FAL_KEY", "VITE_FAL_KEY"]);
  });

  it("finds a published password or database URL too", () => {
    expect(
      publicSecretVariables({
        NEXT_PUBLIC_DASHBOARD_PASSWORD: "x",
        NEXT_PUBLIC_DATABASE_URL: "postgres://u:p@h/db",
        VITE_DB_PASSWORD: "y",
        NEXT_PUBLIC_PASSWORD_HINT_URL: "",
      }),
    ).toEqual(["NEXT_PUBLIC_DASHBOARD_PASSWORD", "NEXT_PUBLIC_DATABASE_URL", "VITE_DB_PASSWORD"]);
  });
});

describe("parseEnv: access control", () => {
  it("requires SESSION_SECRET with DASHBOARD_PASSWORD", () => {
    expect(() => parseEnv({ DASHBOARD_PASSWORD: "long-enough-password" })).toThrow("SESSION_SECRET");
    expect(
      parseEnv({ DASHBOARD_PASSWORD: "long-enough-password", SESSION_SECRET: "x".repeat(32) })
        .DASHBOARD_PASSWORD,
    ).toBeTruthy();
  });
  it("reads TRUST_PROXY as a number of proxies, true meaning one, and trusts none by default", () => {
    expect(parseEnv({}).TRUST_PROXY).toBe(0);
    expect(parseEnv({ TRUST_PROXY: "true" }).TRUST_PROXY).toBe(1);
    expect(parseEnv({ TRUST_PROXY: "false" }).TRUST_PROXY).toBe(0);
    expect(parseEnv({ TRUST_PROXY: "2" }).TRUST_PROXY).toBe(2);
    expect(() => parseEnv({ TRUST_PROXY: "yes" })).toThrow("TRUST_PROXY");
    expect(() => parseEnv({ TRUST_PROXY: "-1" })).toThrow("TRUST_PROXY");
  });
  it("accepts only password or none for DASHBOARD_AUTH", () => {
    expect(parseEnv({ DASHBOARD_AUTH: "none" }).DASHBOARD_AUTH).toBe("none");
    expect(parseEnv({ DASHBOARD_AUTH: "" }).DASHBOARD_AUTH).toBeUndefined();
    expect(() => parseEnv({ DASHBOARD_AUTH: "off" })).toThrow("DASHBOARD_AUTH");
  });
});

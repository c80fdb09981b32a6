import { describe, expect, it } from "vitest";
import { keyFormatProblem, maskKey } from "@/lib/fal/credentials";

describe("maskKey", () => {
  it("shows the first 8 characters of the id and the last 4 of the secret", () => {
    expect(maskKey("0123456789abcdef:sk_live_abcdefghijklmnop")).toBe("01234567…mnop");
  });
  it("never reveals a short secret or a key without a separator", () => {
    expect(maskKey("abc:short")).toBe("abc…");
    const masked = maskKey("justonelongtokenwithoutcolon");
    expect(masked).not.toContain("longtoken");
    expect(masked).toMatch(/^just… \(\d+ chars\)$/);
  });
});

describe("keyFormatProblem", () => {
  it.each([
    ["id:secret", null],
    ["", "the value is empty"],
    [" id:secret", "the value has leading or trailing whitespace or a newline"],
    ["id:secret\n", "the value has leading or trailing whitespace or a newline"],
    ['"id:secret"', "the value is wrapped in quotes"],
    ["Key id:secret", "the value includes an auth scheme prefix; set only key_id:key_secret"],
    ["idsecret", "expected the format key_id:key_secret"],
    [":secret", "expected the format key_id:key_secret"],
    ["id:", "expected the format key_id:key_secret"],
    ["id :secret", "the value contains whitespace"],
  ])("%j → %s", (key, problem) => {
    expect(keyFormatProblem(key)).toBe(problem);
  });
});

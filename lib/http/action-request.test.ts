import { describe, expect, it } from "vitest";
import { serverActionBodyProblem } from "./action-request";

const boundary = "----rrboundary";
const part = (name: string, value: string | Buffer) =>
  Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n`), Buffer.from(value), Buffer.from("\r\n")]);
const multipart = (...parts: Buffer[]) => new Uint8Array(Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]));
const ct = `multipart/form-data; boundary=${boundary}`;
const check = (body: Uint8Array, contentType = ct, isFetchAction = true) => serverActionBodyProblem({ contentType, isFetchAction, body });

describe("serverActionBodyProblem", () => {
  it("lets the body a browser sends through", () => {
    expect(check(multipart(part("_1_email", "a@example.org"), part("_1_password", "pässwörd 🙂"), part("0", '[null,"$K1"]')))).toBeNull();
    expect(check(new Uint8Array(Buffer.from('["x",42]')), "text/plain;charset=UTF-8")).toBeNull();
    const noScript = multipart(part("$ACTION_REF_1", ""), part("$ACTION_1:0", '{"id":"abc","bound":"$@1"}'), part("$ACTION_1:1", "[null]"), part("email", "a@example.org"));
    expect(check(noScript, ct, false)).toBeNull();
  });

  it("refuses what Next's decoder would answer with a 500", () => {
    const good = multipart(part("_1_email", "a"), part("0", '[null,"$K1"]'));
    const cases: [string, Uint8Array, string?][] = [
      ["no boundary", good, "multipart/form-data"],
      ["wrong boundary", good, "multipart/form-data; boundary=other"],
      ["truncated", good.subarray(0, good.length - 30)],
      ["no closing delimiter", new Uint8Array(Buffer.concat([part("0", "[]")]))],
      ["invalid UTF-8 in the root part", multipart(part("0", Buffer.from([0x5b, 0xff, 0xfe, 0x5d])))],
      ["100k-deep nesting", multipart(part("0", "[".repeat(100_000) + "]".repeat(100_000)))],
      ["a reference to a missing part", multipart(part("0", '["$1"]'))],
      ["a promise reference to a missing part", multipart(part("0", '["$@5"]'))],
      ["a Map reference to a missing part", multipart(part("0", '["$Q2"]'))],
      ["no root part", multipart(part("1", "[]"))],
      ["a root part that is not JSON", multipart(part("0", "[nul"))],
      ["garbage", new Uint8Array(Buffer.from("hello"))],
    ];
    for (const [label, body, contentType] of cases) {
      expect(check(body, contentType), label).toMatchObject({ status: 400 });
    }
    expect(check(new Uint8Array(Buffer.from([0xff])), "text/plain")).toMatchObject({ status: 400 });
    expect(check(new Uint8Array(Buffer.from("[".repeat(1000))), "text/plain")).toMatchObject({ status: 400 });
    expect(check(multipart(part("$ACTION_REF_1", "")), ct, false)).toMatchObject({ status: 400 });
    expect(check(multipart(part("$ACTION_1:0", "{oops")), ct, false)).toMatchObject({ status: 400 });
  });
});

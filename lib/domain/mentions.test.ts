import { describe, expect, it } from "vitest";
import { findMentions } from "./mentions";

const people = [
  { id: "casey", name: "Casey Lin" },
  { id: "erin", name: "Erin Walsh" },
  { id: "eri", name: "Eri" },
];

describe("findMentions", () => {
  it("finds a person by @ and their full name, in any case", () => {
    expect(findMentions("Thanks @casey lin, can you check?", people)).toEqual(["casey"]);
  });
  it("finds several people once each", () => {
    expect(findMentions("@Erin Walsh and @Casey Lin, and again @Erin Walsh", people).sort()).toEqual(["casey", "erin"]);
  });
  it("needs the name to end where the mention ends", () => {
    expect(findMentions("@Casey Linton", people)).toEqual([]);
    expect(findMentions("@Eri, please", people)).toEqual(["eri"]);
    expect(findMentions("@Erin Walsh", people)).toEqual(["erin"]);
  });
  it("ignores an @ inside an e-mail address or word", () => {
    expect(findMentions("mail it@Casey Lin", people)).toEqual([]);
  });
  it("never finds someone who is not in the list", () => {
    expect(findMentions("@Priya Shah please", people)).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import { hasHiddenCharacters, nameText } from "./common";
import { createImplementationSchema } from "./implementation";

describe("nameText: names and titles hold nothing hidden", () => {
  it.each([
    ["RTL override U+202E", "invoice\u202Egnp.exe"],
    ["LTR embedding U+202A", "a\u202Ab"],
    ["right-to-left isolate U+2067", "admin\u2067 (evil)\u2069"],
    ["left-to-right mark U+200E", "mark\u200Eed"],
    ["Arabic letter mark U+061C", "x\u061Cy"],
    ["zero-width space U+200B", "zero\u200Bwidth"],
    ["zero-width non-joiner U+200C", "zero\u200Cjoin"],
    ["zero-width joiner U+200D between letters", "zero\u200Djoin"],
    ["word joiner U+2060", "word\u2060joiner"],
    ["byte-order mark U+FEFF", "\uFEFFbom"],
    ["soft hyphen U+00AD", "soft\u00ADhyphen"],
    ["line break", "two\nlines"],
    ["line separator U+2028", "line\u2028sep"],
    ["Hangul filler U+3164", "\u3164"],
  ])("refuses a %s", (_label, value) => {
    expect(hasHiddenCharacters(value)).toBe(true);
    const result = nameText(200, "Name").safeParse(`Clinic ${value}`);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe(
      "Name contains an invisible or direction-changing character (such as U+202E or U+200B). Type it again without it.",
    );
  });

  it.each(["Riverbend Health", "Go-live 🚀 👩🏽‍⚕️ ✅", "👨‍👩‍👧 family clinic", "Zoë O'Brien-Łukasz", "ＲＥＡＤＹ ｒｏｏｍ", "عيادة الشمال", "' OR 1=1-- % _ \\"])(
    "keeps the visible name %j as typed",
    (value) => {
      expect(nameText(200, "Name").parse(`  ${value}  `)).toBe(value);
    },
  );

  it("guards an implementation's name, not its free text", () => {
    const base = {
      customerOrganizationId: "4f3b2a10-5c6d-4e7f-8a9b-0c1d2e3f4a5b",
      templateId: "4f3b2a10-5c6d-4e7f-8a9b-0c1d2e3f4a5b",
      ehrVendor: "epic",
      phase: "pilot",
      goLiveDate: "",
      implementationManagerId: "",
      engineeringOwnerId: "",
      freshnessWindowDays: "14",
    };
    expect(createImplementationSchema.safeParse({ ...base, name: "Appointment\u202E sync" }).success).toBe(false);
    expect(createImplementationSchema.safeParse({ ...base, name: "Appointment sync" }).success).toBe(true);
  });
});

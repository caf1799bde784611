import { describe, expect, it } from "vitest";
import { describeHl7Event, parseHl7Event } from "./hl7";

describe("parseHl7Event", () => {
  it.each(["ADT^A08", "SIU^S12", "ORM^O01", "MDM^T02", "ZZ1^Z01"])("accepts %s", (raw) => {
    expect(parseHl7Event(raw)).toEqual({ ok: true, value: raw });
  });

  it("forgives lower case and surrounding spaces", () => {
    expect(parseHl7Event("  adt^a31 ")).toEqual({ ok: true, value: "ADT^A31" });
  });

  it.each(["", "ADT", "ADT^", "ADT-A08", "ADT^A8", "ADT^A080", "AD^A08", "ADTX^A08", "ADT^A08^ADT", "ADT^A08^ADT_A01^X", "1DT^A08", "ADT^108", "ADT ^A08", "<script>", "ADT^A08\u0000"])(
    "refuses %j",
    (raw) => {
      expect(parseHl7Event(raw).ok).toBe(false);
    },
  );

  it("accepts MSH-9 as written with its structure and keeps the type and trigger", () => {
    expect(parseHl7Event("ADT^A04^ADT_A01")).toEqual({ ok: true, value: "ADT^A04" });
    expect(parseHl7Event("siu^s12^siu_s12")).toEqual({ ok: true, value: "SIU^S12" });
  });

  it("names well-known events and falls back for the rest", () => {
    expect(describeHl7Event("SIU^S12")).toBe("new appointment booking");
    expect(describeHl7Event("ZZ1^Z01")).toBe("HL7 v2 message type and trigger event");
  });
});

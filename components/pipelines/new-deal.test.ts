import { describe, expect, it } from "vitest";
import type { TeamPipeline } from "@/lib/types";
import { buildNewDeal, emptyNewDeal, stagesOf, withSubPipeline } from "./new-deal";

const SALES: TeamPipeline = {
  id: "6208250000000091023",
  name: "Sales Pipeline",
  subPipelines: [
    {
      name: "Sales Pipeline Standard",
      stages: [
        { name: "Needs Analysis", order: 1, probability: 20, kind: "open" },
        { name: "Qualification", order: 0, probability: 10, kind: "open" },
        { name: "Closed Won", order: 2, probability: 100, kind: "won" },
      ],
    },
    {
      name: "Enterprise",
      stages: [
        { name: "Discovery", order: 0, probability: 10, kind: "open" },
        { name: "Closed Won", order: 1, probability: 100, kind: "won" },
      ],
    },
  ],
};

describe("new deal form", () => {
  it("starts in the board's sub-pipeline at its first stage", () => {
    expect(emptyNewDeal(SALES, "Enterprise")).toMatchObject({ subPipeline: "Enterprise", stage: "Discovery" });
    expect(emptyNewDeal(SALES, "nope")).toMatchObject({ subPipeline: "Sales Pipeline Standard", stage: "Qualification" });
  });

  it("offers the chosen sub-pipeline's stages in order", () => {
    expect(stagesOf(SALES, "Sales Pipeline Standard")).toEqual(["Qualification", "Needs Analysis", "Closed Won"]);
  });

  it("keeps a stage both sub-pipelines share, else resets to the first", () => {
    const d = { ...emptyNewDeal(SALES, "Sales Pipeline Standard"), stage: "Closed Won" };
    expect(withSubPipeline(SALES, d, "Enterprise").stage).toBe("Closed Won");
    expect(withSubPipeline(SALES, { ...d, stage: "Needs Analysis" }, "Enterprise").stage).toBe("Discovery");
  });

  it("requires a deal name, and a stage of the chosen sub-pipeline", () => {
    const r = buildNewDeal(SALES, { ...emptyNewDeal(SALES, "Enterprise"), name: "  ", stage: "Qualification" });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(Object.keys(r.errors).sort()).toEqual(["Deal_Name", "Stage"]);
    }
  });

  it("rejects an amount that is not a number", () => {
    const r = buildNewDeal(SALES, { ...emptyNewDeal(SALES, "Enterprise"), name: "Acme", amount: "lots" });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.Amount).toBeTruthy();
  });

  it("builds the POST body with the Team Pipeline id, a numeric amount and lookup ids", () => {
    const r = buildNewDeal(SALES, {
      ...emptyNewDeal(SALES, "Enterprise"),
      name: " Acme renewal ",
      amount: "12,000",
      closingDate: "2025-04-30",
      company: { id: "111", name: "Acme" },
      contact: null,
    });
    expect(r).toEqual({
      ok: true,
      fields: {
        Deal_Name: "Acme renewal",
        Pipeline: "6208250000000091023",
        Sub_Pipeline: "Enterprise",
        Stage: "Discovery",
        Amount: 12000,
        Closing_Date: "2025-04-30",
        Account_Name: "111",
      },
    });
  });
});

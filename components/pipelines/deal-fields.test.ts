import { describe, expect, it } from "vitest";
import type { Deal, FieldMeta, TeamPipeline } from "@/lib/types";
import { boardHrefFor, dealFormFields, stagesForDeal } from "./deal-fields";

const meta = (apiName: string, type: FieldMeta["type"], options: string[] = []): FieldMeta => ({
  apiName,
  label: apiName,
  type,
  required: false,
  readOnly: false,
  maxLength: null,
  options,
  lookupModule: null,
  custom: false,
});

const PIPELINES: TeamPipeline[] = [
  {
    id: "9",
    name: "Sales Pipeline",
    subPipelines: [
      { name: "Sales Pipeline Standard", stages: [{ name: "Qualification", order: 0, probability: 10, kind: "open" }] },
      {
        name: "Enterprise",
        stages: [
          { name: "Proposal", order: 1, probability: 40, kind: "open" },
          { name: "Discovery", order: 0, probability: 10, kind: "open" },
        ],
      },
    ],
  },
];

const deal = { id: "1", name: "Acme", pipeline: { id: "9", name: "Sales Pipeline" }, subPipeline: "Enterprise", stage: "Discovery" } as Deal;

describe("deal edit metadata", () => {
  it("offers only the deal's sub-pipeline stages, in order", () => {
    expect(stagesForDeal(deal, PIPELINES)).toEqual(["Discovery", "Proposal"]);
    const fields = dealFormFields([meta("Stage", "picklist", ["Qualification", "Discovery", "Proposal", "Identified"])], deal, PIPELINES);
    expect(fields[0].options).toEqual(["Discovery", "Proposal"]);
  });

  it("keeps Bigin's options when the layout is unknown", () => {
    const fields = dealFormFields([meta("Stage", "picklist", ["A", "B"])], deal, undefined);
    expect(fields[0].options).toEqual(["A", "B"]);
  });

  it("makes the sub-pipeline read-only and leaves other fields alone", () => {
    const input = [meta("Sub_Pipeline", "picklist"), meta("Amount", "currency")];
    const [sub, amount] = dealFormFields(input, deal, PIPELINES);
    expect(sub.readOnly).toBe(true);
    expect(amount).toBe(input[1]);
  });

  it("links back to the deal's own board", () => {
    expect(boardHrefFor(deal)).toBe("/pipelines?pipeline=9&sub=Enterprise");
  });
});

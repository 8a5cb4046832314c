import { QueryClient } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import type { Deal } from "@/lib/types";
import { findCachedDeals } from "./cached-deals";

const deal = (id: string, name: string): Deal =>
  ({
    id,
    name,
    pipeline: { id: "1", name: "Sales" },
    stage: "Qualification",
    fields: {},
  }) as unknown as Deal;

describe("findCachedDeals", () => {
  it("finds deals by name in boards, deal pages and related lists, once each", () => {
    const qc = new QueryClient();
    qc.setQueryData(["deals", "board", { pipelineId: "1", subPipeline: "" }], {
      pages: [{ items: [deal("1", "Acme renewal"), deal("2", "Globex pilot")], info: {} }],
      pageParams: [1],
    });
    qc.setQueryData(["deals", "detail", "1"], deal("1", "Acme renewal"));
    qc.setQueryData(["contacts", "deals", "9"], { items: [deal("3", "Acme expansion")] });
    qc.setQueryData(["contacts", "list", {}], { items: [{ id: "4", name: "Acme person" }] });

    expect(
      findCachedDeals(qc, "acme")
        .map((d) => d.id)
        .sort(),
    ).toEqual(["1", "3"]);
    expect(findCachedDeals(qc, "GLOBEX").map((d) => d.name)).toEqual(["Globex pilot"]);
    expect(findCachedDeals(qc, "  ")).toEqual([]);
    expect(findCachedDeals(qc, "acme", 1)).toHaveLength(1);
  });
});

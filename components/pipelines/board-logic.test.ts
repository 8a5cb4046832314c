import { describe, expect, it } from "vitest";
import type { Deal, ListResponse, Stage } from "@/lib/types";
import {
  allDeals,
  boardPage,
  groupDealsByStage,
  moveDealInBoard,
  nextBoardPage,
  removeDealFromBoard,
  sortLoadedDeals,
  type BoardData,
} from "./board-logic";

const stage = (name: string, order: number, kind: Stage["kind"] = "open"): Stage => ({ name, order, probability: null, kind });
const STAGES = [stage("Negotiation", 2), stage("Qualification", 0), stage("Proposal", 1), stage("Closed Won", 3, "won")];

function deal(id: string, over: Partial<Deal> = {}): Deal {
  return {
    id,
    name: `Deal ${id}`,
    pipeline: { id: "1", name: "Sales" },
    subPipeline: "Standard",
    stage: "Qualification",
    amount: null,
    closingDate: null,
    company: null,
    contact: null,
    owner: null,
    description: null,
    createdTime: null,
    modifiedTime: null,
    fields: {},
    ...over,
  };
}

function page(items: Deal[], n = 1, more = false): ListResponse<Deal> {
  return { items, info: { page: n, perPage: 200, count: items.length, more, nextPageToken: null } };
}

describe("groupDealsByStage", () => {
  it("makes one column per stage in stage order, including empty ones", () => {
    const cols = groupDealsByStage([], STAGES);
    expect(cols.map((c) => c.stage.name)).toEqual(["Qualification", "Proposal", "Negotiation", "Closed Won"]);
    expect(cols.every((c) => c.count === 0 && c.total === 0)).toBe(true);
  });

  it("counts and totals each column, treating missing amounts as 0", () => {
    const cols = groupDealsByStage(
      [
        deal("1", { amount: 1000 }),
        deal("2", { amount: 250.5 }),
        deal("3", { amount: null }),
        deal("4", { stage: "Proposal", amount: 5000 }),
      ],
      STAGES,
    );
    const q = cols.find((c) => c.stage.name === "Qualification")!;
    expect(q.count).toBe(3);
    expect(q.total).toBe(1250.5);
    const p = cols.find((c) => c.stage.name === "Proposal")!;
    expect([p.count, p.total]).toEqual([1, 5000]);
  });

  it("orders cards by closing date, undated last, then by name", () => {
    const cols = groupDealsByStage(
      [
        deal("1", { name: "B", closingDate: null }),
        deal("2", { name: "C", closingDate: "2025-05-01" }),
        deal("3", { name: "A", closingDate: null }),
        deal("4", { name: "D", closingDate: "2025-04-01" }),
      ],
      STAGES,
    );
    expect(cols[0].deals.map((d) => d.name)).toEqual(["D", "C", "A", "B"]);
  });

  it("keeps deals of unlisted stages visible in trailing columns, and drops other sub-pipelines", () => {
    const cols = groupDealsByStage(
      [deal("1", { stage: "Legacy" }), deal("2", { subPipeline: "Enterprise" }), deal("3")],
      STAGES,
      "Standard",
    );
    expect(cols.map((c) => c.stage.name)).toEqual(["Qualification", "Proposal", "Negotiation", "Closed Won", "Legacy"]);
    expect(cols[4].unlisted).toBe(true);
    expect(cols[0].deals.map((d) => d.id)).toEqual(["3"]);
  });

  it("counts a deal once even if two pages both hold it", () => {
    const cols = groupDealsByStage([deal("1", { amount: 5 }), deal("1", { amount: 5 })], STAGES);
    expect(cols[0].count).toBe(1);
    expect(cols[0].total).toBe(5);
  });
});

describe("board cache edits", () => {
  const data: BoardData = { pages: [page([deal("1"), deal("2")]), page([deal("3")], 2)], pageParams: [1, 2] };

  it("moves one deal to another stage without touching the others", () => {
    const next = moveDealInBoard(data, "3", "Proposal");
    const moved = allDeals(next).find((d) => d.id === "3")!;
    expect(moved.stage).toBe("Proposal");
    expect(next.pages[0]).toBe(data.pages[0]);
    expect(allDeals(data).find((d) => d.id === "3")!.stage).toBe("Qualification");
    const cols = groupDealsByStage(allDeals(next), STAGES);
    expect(cols.find((c) => c.stage.name === "Proposal")!.deals.map((d) => d.id)).toEqual(["3"]);
  });

  it("returns the same data when the deal is not loaded", () => {
    expect(moveDealInBoard(data, "999", "Proposal")).toBe(data);
  });

  it("removes a deleted deal", () => {
    expect(allDeals(removeDealFromBoard(data, "2")).map((d) => d.id)).toEqual(["1", "3"]);
  });

  it("asks for the next page only while Bigin has more", () => {
    expect(nextBoardPage(page([], 1, true))).toBe(2);
    expect(nextBoardPage(page([], 3, false))).toBeUndefined();
  });
});

describe("sortLoadedDeals", () => {
  const deals = [
    deal("1", { name: "beta", amount: 300, stage: "Proposal" }),
    deal("2", { name: "Alpha", amount: null, stage: "Negotiation" }),
    deal("3", { name: "gamma", amount: 100, stage: "Qualification" }),
  ];
  it("sorts by amount with empty values last in both directions", () => {
    expect(sortLoadedDeals(deals, "Amount", "asc").map((d) => d.id)).toEqual(["3", "1", "2"]);
    expect(sortLoadedDeals(deals, "Amount", "desc").map((d) => d.id)).toEqual(["1", "3", "2"]);
  });
  it("sorts names case-insensitively", () => {
    expect(sortLoadedDeals(deals, "Deal_Name", "asc").map((d) => d.name)).toEqual(["Alpha", "beta", "gamma"]);
  });
  it("sorts stages by pipeline order, not alphabetically", () => {
    const order = new Map(STAGES.map((s) => [s.name, s.order]));
    expect(sortLoadedDeals(deals, "Stage", "asc", order).map((d) => d.stage)).toEqual(["Qualification", "Proposal", "Negotiation"]);
  });
});

describe("boardPage", () => {
  it("keeps what cards and rows show, not the fields map or the description", () => {
    const full = deal("1", { description: "Long notes", fields: { Deal_Name: "Deal 1", Stage: "Qualification", Tag: [] }, amount: 5 });
    const [item] = boardPage(page([full])).items;
    expect(item).not.toHaveProperty("fields");
    expect(item).not.toHaveProperty("description");
    const { fields: _fields, description: _description, ...rest } = full;
    void _fields;
    void _description;
    expect(item).toEqual(rest);
  });
});

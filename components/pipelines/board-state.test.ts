import { describe, expect, it } from "vitest";
import type { TeamPipeline } from "@/lib/types";
import { parsePipelinesParams, pipelinesHref, resolveSelection } from "./board-state";

const PIPELINES: TeamPipeline[] = [
  {
    id: "111",
    name: "Sales Pipeline",
    subPipelines: [
      {
        name: "Sales Pipeline Standard",
        stages: [
          { name: "Proposal", order: 1, probability: 50, kind: "open" },
          { name: "Qualification", order: 0, probability: 10, kind: "open" },
        ],
      },
      { name: "Enterprise", stages: [{ name: "Discovery", order: 0, probability: 10, kind: "open" }] },
    ],
  },
  { id: "222", name: "Partnerships", subPipelines: [{ name: "Partnerships Standard", stages: [] }] },
];

describe("parsePipelinesParams", () => {
  it("defaults to the board, newest modified first, page 1", () => {
    expect(parsePipelinesParams({})).toEqual({
      pipeline: null,
      sub: null,
      view: "board",
      stage: null,
      sort: "Modified_Time",
      order: "desc",
      page: 1,
    });
  });
  it("rejects junk instead of passing it on", () => {
    const p = parsePipelinesParams(new URLSearchParams("pipeline=../x&view=grid&sort=Owner&page=-3"));
    expect(p.pipeline).toBeNull();
    expect(p.view).toBe("board");
    expect(p.sort).toBe("Modified_Time");
    expect(p.page).toBe(1);
  });
  it("reads the table state", () => {
    const p = parsePipelinesParams({ pipeline: "222", view: "table", sort: "Amount", order: "asc", page: "3" });
    expect(p).toMatchObject({ pipeline: "222", view: "table", sort: "Amount", order: "asc", page: 3 });
  });
});

describe("resolveSelection", () => {
  it("falls back to the first pipeline and sub-pipeline, stages in order", () => {
    const s = resolveSelection({ pipeline: null, sub: null }, PIPELINES)!;
    expect(s.pipeline.id).toBe("111");
    expect(s.subPipeline.name).toBe("Sales Pipeline Standard");
    expect(s.stages.map((x) => x.name)).toEqual(["Qualification", "Proposal"]);
  });
  it("ignores a sub-pipeline that belongs to another pipeline", () => {
    const s = resolveSelection({ pipeline: "222", sub: "Enterprise" }, PIPELINES)!;
    expect(s.subPipeline.name).toBe("Partnerships Standard");
  });
  it("is null when there are no pipelines", () => {
    expect(resolveSelection({ pipeline: null, sub: null }, [])).toBeNull();
  });
});

describe("pipelinesHref", () => {
  const base = parsePipelinesParams({ pipeline: "111", sub: "Enterprise", stage: "Discovery" });
  it("resets sub-pipeline and stage when the pipeline changes", () => {
    expect(pipelinesHref(base, { pipeline: "222" })).toBe("/pipelines?pipeline=222");
  });
  it("keeps the selection when switching to the table, dropping the board-only stage", () => {
    expect(pipelinesHref(base, { view: "table" })).toBe("/pipelines?pipeline=111&sub=Enterprise&view=table");
  });
  it("goes back to page 1 when the sort changes", () => {
    const t = parsePipelinesParams({ pipeline: "111", view: "table", page: "4" });
    expect(pipelinesHref(t, { sort: "Amount" })).toBe("/pipelines?pipeline=111&view=table&sort=Amount");
    expect(pipelinesHref(t, { page: 5 })).toBe("/pipelines?pipeline=111&view=table&page=5");
  });
});

import { z } from "zod";
import type { Deal, ListResponse } from "@/lib/types";
import type { BiginConn } from "./client";
import { buildCriteria } from "./criteria";
import {
  assertId, createRecord, deleteRecord, fieldsParam, getList, getRecord, mergeWritten, pagingQuery,
  updateRecordChecked, type ListOptions,
} from "./records";
import { normaliseFields, zId, zNumber, zRef, zText, zUserRef, type RawRecord } from "./reshape";

/** Deals are records of the `Pipelines` module (bigin-api.md §6.2). */
export const DEAL_LIST_FIELDS = [
  "Deal_Name", "Pipeline", "Sub_Pipeline", "Stage", "Amount", "Closing_Date", "Account_Name",
  "Contact_Name", "Owner", "Description", "Created_Time", "Modified_Time", "Tag",
] as const;

const zDeal = z.looseObject({
  id: zId,
  Deal_Name: zText,
  // `Pipeline` is `{name,id}` or a bare id (bigin-api.md §6.2, unverified): zRef accepts both.
  Pipeline: zRef,
  Layout: zRef,
  Sub_Pipeline: zText,
  Stage: zText,
  Amount: zNumber,
  Closing_Date: zText,
  Account_Name: zRef,
  Contact_Name: zRef,
  Owner: zUserRef,
  Description: zText,
  Created_Time: zText,
  Modified_Time: zText,
});

export function reshapeDeal(raw: Record<string, unknown>): Deal {
  const d = zDeal.parse(raw);
  return {
    id: d.id,
    name: d.Deal_Name ?? "",
    pipeline: d.Pipeline ?? d.Layout,
    subPipeline: d.Sub_Pipeline,
    stage: d.Stage,
    amount: d.Amount,
    closingDate: d.Closing_Date,
    company: d.Account_Name,
    contact: d.Contact_Name,
    owner: d.Owner,
    description: d.Description,
    createdTime: d.Created_Time,
    modifiedTime: d.Modified_Time,
    fields: normaliseFields(raw),
  };
}

/** Writable deal fields as the app sends them (lookups as id strings) → Bigin's write shape. */
export type DealInput = Record<string, unknown>;
const LOOKUPS = ["Pipeline", "Account_Name", "Contact_Name", "Owner"];

export function toBiginDeal(input: DealInput): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input)) {
    if (v === undefined) continue;
    // Lookups are written as `{id}` (bigin-api.md §5.3, §10).
    out[k] = LOOKUPS.includes(k) && typeof v === "string" ? { id: v } : v;
  }
  return out;
}

export type DealListOptions = ListOptions & { pipelineId: string; subPipeline?: string; stage?: string };

/**
 * Deals of one Team Pipeline, optionally narrowed to a sub-pipeline and/or stage. The list
 * endpoint has no stage filter, so a narrowed list uses search with criteria (no sort, no
 * page_token: search stops at 2,000 results — bigin-api.md §5.7).
 */
export async function listDeals(conn: BiginConn, opts: DealListOptions): Promise<ListResponse<Deal>> {
  assertId(opts.pipelineId);
  const fields = fieldsParam(DEAL_LIST_FIELDS);
  if (opts.subPipeline || opts.stage) {
    const parts: Array<[string, "equals", string]> = [["Pipeline", "equals", opts.pipelineId]];
    if (opts.subPipeline) parts.push(["Sub_Pipeline", "equals", opts.subPipeline]);
    if (opts.stage) parts.push(["Stage", "equals", opts.stage]);
    const query = { criteria: buildCriteria(parts), fields, page: opts.page ?? 1, per_page: opts.perPage ?? 50 };
    const { data, info } = await getList(conn, "/Pipelines/search", query, opts);
    return { items: data.map(reshapeDeal), info };
  }
  const query = { pipeline_id: opts.pipelineId, fields, ...pagingQuery(opts) };
  const { data, info } = await getList(conn, "/Pipelines", query, opts);
  return { items: data.map(reshapeDeal), info };
}

export async function getDeal(conn: BiginConn, id: string): Promise<Deal> {
  return reshapeDeal(await getRecord(conn, "Pipelines", id));
}

export async function createDeal(conn: BiginConn, input: DealInput): Promise<Deal> {
  const data = toBiginDeal(input);
  const details = await createRecord(conn, "Pipelines", data);
  return reshapeDeal(mergeWritten({}, data, details as Record<string, unknown>));
}

export async function updateDeal(conn: BiginConn, id: string, input: DealInput, modifiedTime?: string): Promise<Deal> {
  return updateRecordChecked(conn, "Pipelines", id, toBiginDeal(input), modifiedTime, reshapeDeal);
}

/** Move a deal to another stage (and sub-pipeline, when it changes). */
export async function updateDealStage(
  conn: BiginConn,
  id: string,
  move: { stage: string; subPipeline?: string },
  modifiedTime?: string,
): Promise<Deal> {
  const data: DealInput = { Stage: move.stage };
  if (move.subPipeline) data.Sub_Pipeline = move.subPipeline;
  return updateDeal(conn, id, data, modifiedTime);
}

export async function deleteDeal(conn: BiginConn, id: string): Promise<void> {
  await deleteRecord(conn, "Pipelines", id);
}

export type { RawRecord };

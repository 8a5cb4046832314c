import { z } from "zod";
import {
  EVEN_WITH_ISSUES, checkExtraKeys, checkPagingWindow, customFieldValue, optionalAmount, optionalDate, optionalLookup,
  optionalText, requiredText, zModifiedTime, zPage, zPageToken, zPerPage, zRecordId, zSortBy, zSortOrder,
} from "./common";

/**
 * A deal (a `Pipelines` record, bigin-api.md §6.2) as forms and handlers send it. Creating needs
 * Deal_Name, the Team Pipeline (`Pipeline`, its id), Sub_Pipeline and Stage.
 */
const picklist = (what: string) => requiredText(120, what);

const shape = {
  Deal_Name: requiredText(120, "Deal name"),
  Pipeline: zRecordId,
  Sub_Pipeline: picklist("Sub-pipeline"),
  Stage: picklist("Stage"),
  Amount: optionalAmount,
  Closing_Date: optionalDate,
  Account_Name: optionalLookup,
  Contact_Name: optionalLookup,
  Owner: optionalLookup,
  Description: optionalText(32000),
};
const KNOWN = Object.keys(shape);

export const dealFieldsSchema = z.object(shape).catchall(customFieldValue).superRefine(checkExtraKeys(KNOWN), EVEN_WITH_ISSUES);

/** An edit: any subset. The Team Pipeline of an existing deal does not change. */
export const dealUpdateFieldsSchema = z
  .object({
    ...shape,
    Deal_Name: requiredText(120, "Deal name").optional(),
    Pipeline: z.never({ error: "A deal can't move to another Team Pipeline" }).optional(),
    Sub_Pipeline: picklist("Sub-pipeline").optional(),
    Stage: picklist("Stage").optional(),
  })
  .catchall(customFieldValue)
  .superRefine(checkExtraKeys(KNOWN), EVEN_WITH_ISSUES);

export const dealCreateSchema = z.object({ fields: dealFieldsSchema });
export const dealUpdateSchema = z.object({
  modifiedTime: zModifiedTime,
  fields: dealUpdateFieldsSchema.refine((f) => Object.keys(f).length > 0, "Nothing to update"),
});

export const dealListQuerySchema = z
  .object({
    pipelineId: zRecordId,
    subPipeline: z.string().trim().min(1).max(120).optional(),
    stage: z.string().trim().min(1).max(120).optional(),
    page: zPage,
    perPage: zPerPage,
    pageToken: zPageToken,
    sortBy: zSortBy,
    sortOrder: zSortOrder,
  })
  .superRefine(checkPagingWindow);

export type DealFormValues = z.input<typeof dealFieldsSchema>;
export type DealFields = z.output<typeof dealFieldsSchema>;
export type DealCreateBody = z.output<typeof dealCreateSchema>;
export type DealUpdateBody = z.output<typeof dealUpdateSchema>;
export type DealListQuery = z.output<typeof dealListQuerySchema>;

import { z } from "zod";
import {
  EVEN_WITH_ISSUES, checkExtraKeys, checkPagingWindow, customFieldValue, optionalLookup, optionalText, requiredText,
  zModifiedTime, zPage, zPageToken, zPerPage,
} from "./common";

/** A company (`Accounts` record, bigin-api.md §7) as forms and handlers send it. */
const website = z.preprocess(
  (v) => (typeof v === "string" && v.trim() === "" ? null : v),
  z
    .string()
    .trim()
    .max(255, "At most 255 characters")
    .regex(/^(https?:\/\/)?[^\s/$.?#][^\s]*\.[^\s]+$/i, "Expected a web address like example.com")
    // Only web addresses: `javascript:…`, `data:…`, `mailto:…` look like one to the pattern above.
    .refine((v) => /^https?:\/\//i.test(v) || !/^[a-z][a-z0-9+.-]*:(?!\d)/i.test(v), "Expected a web address like example.com")
    .nullable()
    .optional(),
);

const shape = {
  Account_Name: requiredText(100, "Company name"),
  Phone: optionalText(50),
  Website: website,
  Industry: optionalText(120),
  Description: optionalText(32000),
  Billing_Street: optionalText(250),
  Billing_City: optionalText(100),
  Billing_State: optionalText(100),
  Billing_Country: optionalText(100),
  Billing_Code: optionalText(30),
  Owner: optionalLookup,
};
const KNOWN = Object.keys(shape);

export const companyFieldsSchema = z.object(shape).catchall(customFieldValue).superRefine(checkExtraKeys(KNOWN), EVEN_WITH_ISSUES);

export const companyUpdateFieldsSchema = z
  .object({ ...shape, Account_Name: requiredText(100, "Company name").optional() })
  .catchall(customFieldValue)
  .superRefine(checkExtraKeys(KNOWN), EVEN_WITH_ISSUES);

export const companyUpdateSchema = z.object({
  modifiedTime: zModifiedTime,
  fields: companyUpdateFieldsSchema.refine((f) => Object.keys(f).length > 0, "Nothing to update"),
});

export const companyListQuerySchema = z
  .object({
    q: z.string().trim().max(100, "At most 100 characters").optional(),
    page: zPage,
    perPage: zPerPage,
    pageToken: zPageToken,
  })
  .superRefine(checkPagingWindow);

export type CompanyFormValues = z.input<typeof companyFieldsSchema>;
export type CompanyUpdateBody = z.output<typeof companyUpdateSchema>;
export type CompanyListQuery = z.output<typeof companyListQuerySchema>;

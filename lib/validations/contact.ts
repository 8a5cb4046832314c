import { z } from "zod";
import {
  EVEN_WITH_ISSUES, checkExtraKeys, checkPagingWindow, customFieldValue, optionalBoolean, optionalEmail, optionalLookup,
  optionalText, requiredText, zModifiedTime, zPage, zPageToken, zPerPage, zSortBy, zSortOrder,
} from "./common";

/**
 * A contact as forms and route handlers send it: keys are Bigin API names (bigin-api.md §7),
 * lookups are ids. Limits are Bigin's field lengths. Shared by the contact form and
 * POST/PATCH /api/contacts.
 */
const shape = {
  First_Name: optionalText(40),
  Last_Name: requiredText(80, "Last name"),
  Email: optionalEmail(100),
  Title: optionalText(50),
  Phone: optionalText(50),
  Mobile: optionalText(50),
  Home_Phone: optionalText(50),
  Email_Opt_Out: optionalBoolean,
  Account_Name: optionalLookup,
  Owner: optionalLookup,
  Description: optionalText(32000),
  Mailing_Street: optionalText(250),
  Mailing_City: optionalText(100),
  Mailing_State: optionalText(100),
  Mailing_Country: optionalText(100),
  Mailing_Zip: optionalText(30),
};
const KNOWN = Object.keys(shape);

/** Every field of a new contact (Last_Name required). */
export const contactFieldsSchema = z.object(shape).catchall(customFieldValue).superRefine(checkExtraKeys(KNOWN), EVEN_WITH_ISSUES);

/** The fields of an edit: any subset, but Last_Name can't be emptied. */
export const contactUpdateFieldsSchema = z
  .object({ ...shape, Last_Name: requiredText(80, "Last name").optional() })
  .catchall(customFieldValue)
  .superRefine(checkExtraKeys(KNOWN), EVEN_WITH_ISSUES);

export const contactCreateSchema = z.object({ fields: contactFieldsSchema });
export const contactUpdateSchema = z.object({
  modifiedTime: zModifiedTime,
  fields: contactUpdateFieldsSchema.refine((f) => Object.keys(f).length > 0, "Nothing to update"),
});

export const contactListQuerySchema = z
  .object({
    q: z.string().trim().max(100, "At most 100 characters").optional(),
    sortBy: zSortBy,
    sortOrder: zSortOrder,
    page: zPage,
    perPage: zPerPage,
    pageToken: zPageToken,
  })
  .superRefine(checkPagingWindow);

export type ContactFormValues = z.input<typeof contactFieldsSchema>;
export type ContactFields = z.output<typeof contactFieldsSchema>;
export type ContactCreateBody = z.output<typeof contactCreateSchema>;
export type ContactUpdateBody = z.output<typeof contactUpdateSchema>;
export type ContactListQuery = z.output<typeof contactListQuerySchema>;

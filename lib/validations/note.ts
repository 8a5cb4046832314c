import { z } from "zod";
import { optionalText, zPage, zPerPage, zRecordId } from "./common";

/** A note as forms and handlers send it (bigin-api.md §8: Note_Content required, Note_Title optional). */
export const NOTE_PARENT_MODULES = ["Contacts", "Accounts", "Pipelines"] as const;
export const zNoteParentModule = z.enum(NOTE_PARENT_MODULES, { error: "Expected Contacts, Accounts or Pipelines" });

export const noteContentSchema = z
  .string({ error: "Write something first" })
  .trim()
  .min(1, "Write something first")
  .max(32000, "At most 32000 characters");

export const noteFieldsSchema = z.object({
  title: optionalText(120),
  content: noteContentSchema,
});

export const noteCreateSchema = noteFieldsSchema.extend({
  parentModule: zNoteParentModule,
  parentId: zRecordId,
});

export const noteUpdateSchema = noteFieldsSchema;

export const noteListQuerySchema = z.object({
  module: zNoteParentModule.optional(),
  page: zPage,
  perPage: zPerPage,
});

export type NoteFormValues = z.input<typeof noteFieldsSchema>;
export type NoteCreateBody = z.output<typeof noteCreateSchema>;
export type NoteUpdateBody = z.output<typeof noteUpdateSchema>;
export type NoteListQuery = z.output<typeof noteListQuerySchema>;

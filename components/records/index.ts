export { RecordForm, type RecordFormProps } from "./record-form";
export { RecordFields, fieldText, type RecordFieldsProps } from "./record-fields";
export { LookupCombobox, type LookupComboboxProps } from "./lookup-combobox";
export { ConfirmDelete, type ConfirmDeleteProps } from "./confirm-delete";
export { toApiFields, changedValues, validateRecord, type FieldErrors, type SchemaLike } from "./form-values";

/**
 * What a caseworker may write into a record's fields from the console: known Primero field names
 * (RECORD_FIELDS) or deployment `x_` custom fields, and plain values (text up to 2,000 characters,
 * numbers, yes/no) or `null` to clear a field. Structured fields (sought children, locations, photos)
 * are not edited as free values here.
 */
import { z } from "zod";
import { RECORD_FIELDS } from "../../domain/recordFields.js";

const STRUCTURED = new Set(["sought_children", "sought_relatives", "photo", "location_current"]);
export const FIELD_TEXT_MAX = 2000;

const FieldValue = z.union([z.string().trim().max(FIELD_TEXT_MAX), z.number().finite(), z.boolean(), z.null()]);

export function isEditableField(name: string): boolean {
  if (STRUCTURED.has(name)) return false;
  return Object.hasOwn(RECORD_FIELDS, name) || /^x_[a-z0-9_]{1,60}$/.test(name);
}

export const FieldChanges = z
  .record(z.string(), FieldValue)
  .refine((fields) => Object.keys(fields).length > 0 && Object.keys(fields).length <= 100, "1 to 100 fields")
  .refine((fields) => Object.keys(fields).every(isEditableField), "only known, editable record fields");

/** An emptied text box clears the field rather than storing "". */
export function normaliseChanges(fields: Readonly<Record<string, string | number | boolean | null>>): Record<string, string | number | boolean | null> {
  return Object.fromEntries(Object.entries(fields).map(([name, value]) => [name, value === "" ? null : value]));
}

/**
 * Which record fields are identifying, and the helpers that run a record's fields through the
 * codec. Primero fields follow RECORD_FIELDS' `identifying` flag; a deployment's own `x_` fields,
 * and any name the list does not know, count as identifying: when unsure, protect.
 */
import { RECORD_FIELDS } from "../domain/recordFields.js";
import type { FieldCodec } from "./fieldCodec.js";

export function isIdentifyingRecordField(name: string): boolean {
  const info = Object.hasOwn(RECORD_FIELDS, name) ? RECORD_FIELDS[name] : undefined;
  return info === undefined ? true : info.identifying;
}

export async function encodeRecordFields(
  codec: FieldCodec,
  subjectId: string,
  fields: Readonly<Record<string, unknown>>,
): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(fields)) {
    out[name] = isIdentifyingRecordField(name) ? await codec.encode(subjectId, value) : value;
  }
  return out;
}

export async function decodeRecordFields(
  codec: FieldCodec,
  subjectId: string,
  stored: Readonly<Record<string, unknown>>,
): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(stored)) {
    out[name] = isIdentifyingRecordField(name) ? await codec.decode(subjectId, value) : value;
  }
  return out;
}

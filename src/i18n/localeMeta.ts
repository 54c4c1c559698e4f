/**
 * `locales/<lang>/_meta.json`: what a language is called in itself, its direction, and who reviewed
 * its translation — shown by `kinlink dialogs check`, so nobody ships an unreviewed language unawares.
 */
import { z } from "zod";

export const LocaleMetaSchema = z.strictObject({
  /** The language's name in itself, for the language menu: "Français", "العربية". */
  name: z.string().min(1),
  direction: z.enum(["ltr", "rtl"]).default("ltr"),
  review: z.discriminatedUnion("status", [
    z.strictObject({ status: z.literal("reviewed"), by: z.string().min(1), date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }),
    z.strictObject({ status: z.literal("machine-drafted"), note: z.string().default("machine-drafted, needs native review") }),
    z.strictObject({ status: z.literal("source"), note: z.string().optional() }),
  ]),
});
export type LocaleMeta = z.infer<typeof LocaleMetaSchema>;

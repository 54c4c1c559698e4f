/** What a translator sends back, read from XLIFF or CSV: the language and, per key, the translation. */
export interface ImportedUnit {
  readonly id: string;
  readonly target: string;
  /** Where it was in the file, for messages: `line 12` or `trans-unit 4`. */
  readonly at: string;
}

export interface ImportedDoc {
  readonly targetLang: string;
  readonly units: readonly ImportedUnit[];
}

export class ImportFormatError extends Error {}

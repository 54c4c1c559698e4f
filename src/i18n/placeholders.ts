/** The `{{placeholders}}` a message uses, sorted: a translation must keep the source's. */
export function placeholders(text: string): string[] {
  const names = new Set<string>();
  for (const match of text.matchAll(/\{\{\s*([^{}\s,]+)[^{}]*\}\}/g)) if (match[1]) names.add(match[1]);
  return [...names].sort();
}

/** What differs between a translation's placeholders and the source's: `missing {{ref}}, unknown {{nom}}`. */
export function placeholderDifference(source: readonly string[], target: readonly string[], allowMissing = false): string | undefined {
  const missing = allowMissing ? [] : source.filter((p) => !target.includes(p));
  const unknown = target.filter((p) => !source.includes(p));
  const parts = [
    ...(missing.length > 0 ? [`missing ${missing.map((p) => `{{${p}}}`).join(", ")}`] : []),
    ...(unknown.length > 0 ? [`unknown ${unknown.map((p) => `{{${p}}}`).join(", ")}`] : []),
  ];
  return parts.length > 0 ? parts.join("; ") : undefined;
}

/** Catalogs as translators' imports write them: nested by the dots in keys, in a given order, 2-space JSON. */
import type { Catalog, CatalogNode } from "../catalog.js";

/** `[["a.b", "x"], ["c", "y"]]` -> `{ a: { b: "x" }, c: "y" }`, keys in the order given. */
export function nestCatalog(entries: Iterable<readonly [string, string]>): Catalog {
  const root: { [key: string]: CatalogNode } = {};
  for (const [key, text] of entries) {
    const parts = key.split(".");
    const last = parts.pop() ?? key;
    let node = root;
    for (const part of parts) {
      const next = node[part];
      if (typeof next === "string") throw new Error(`"${key}" is under "${part}", which is a message`);
      const child: { [key: string]: CatalogNode } = next ?? {};
      node[part] = child;
      node = child;
    }
    if (typeof node[last] === "object") throw new Error(`"${key}" is a message and a group of messages`);
    node[last] = text;
  }
  return root;
}

export function catalogJson(catalog: Catalog): string {
  return `${JSON.stringify(catalog, null, 2)}\n`;
}

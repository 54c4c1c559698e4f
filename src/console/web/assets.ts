/**
 * The console's static files (one stylesheet, a few small scripts), read once at start-up from
 * `assets/`, each with a content hash for its URL and a gzip copy. Served with a year-long immutable
 * cache: a changed file gets a new URL, so a slow link downloads each version once.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

export interface Asset {
  readonly name: string;
  readonly type: string;
  readonly body: Buffer;
  readonly gzip: Buffer;
  readonly hash: string;
}

const TYPES: Readonly<Record<string, string>> = { ".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8" };
export const ASSETS_DIR = new URL("./assets/", import.meta.url);
export const ASSETS_PATH = "/console/assets";

export class Assets {
  private readonly byName: ReadonlyMap<string, Asset>;

  constructor(dir: URL = ASSETS_DIR) {
    const assets = readdirSync(dir)
      .filter((name) => Object.keys(TYPES).some((ext) => name.endsWith(ext)))
      .map((name): Asset => {
        const body = readFileSync(new URL(name, dir));
        const type = TYPES[name.slice(name.lastIndexOf("."))] ?? "application/octet-stream";
        return { name, type, body, gzip: gzipSync(body, { level: 9 }), hash: createHash("sha256").update(body).digest("hex").slice(0, 12) };
      });
    this.byName = new Map(assets.map((asset) => [asset.name, asset]));
  }

  get(name: string): Asset | undefined {
    return this.byName.get(name);
  }

  /** The versioned URL a page links to; throws for a file that does not exist (a typo fails at start-up). */
  url(name: string): string {
    const asset = this.byName.get(name);
    if (!asset) throw new Error(`no console asset ${name}`);
    return `${ASSETS_PATH}/${name}?v=${asset.hash}`;
  }
}

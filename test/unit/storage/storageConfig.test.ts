import { describe, expect, it } from "@jest/globals";
import { loadStorageConfig } from "../../../src/config/storageConfig.js";

const secret = "s".repeat(32);

describe("storage config", () => {
  it("defaults to the embedded store in ./data", () => {
    expect(loadStorageConfig({}).store).toEqual({ kind: "embedded", dataDir: "./data" });
  });

  it("reads the embedded store's cache size in megabytes", () => {
    expect(loadStorageConfig({ KINLINK_STORE_CACHE_MB: "24" }).store).toEqual({ kind: "embedded", dataDir: "./data", cacheBytes: 24 * 1024 * 1024 });
    expect(loadStorageConfig({ KINLINK_STORE_CACHE_MB: "0" }).store).toMatchObject({ cacheBytes: 0 });
    expect(() => loadStorageConfig({ KINLINK_STORE_CACHE_MB: "lots" })).toThrow(/KINLINK_STORE_CACHE_MB/);
  });

  it("selects MongoDB when MONGODB_URI is set", () => {
    const config = loadStorageConfig({ MONGODB_URI: "mongodb://db:27017", MONGODB_DB: "k", NODE_ENV: "production", KINLINK_HASH_SECRET: secret });
    expect(config.store).toEqual({ kind: "mongo", uri: "mongodb://db:27017", dbName: "k" });
  });

  it("refuses the embedded store in production unless allowed on purpose", () => {
    expect(() => loadStorageConfig({ NODE_ENV: "production", KINLINK_HASH_SECRET: secret })).toThrow(/MONGODB_URI.*KINLINK_ALLOW_EMBEDDED=1/s);
    expect(loadStorageConfig({ NODE_ENV: "production", KINLINK_HASH_SECRET: secret, KINLINK_ALLOW_EMBEDDED: "1" }).store.kind).toBe("embedded");
  });

  it("requires a hash secret in production and never echoes a bad value", () => {
    expect(() => loadStorageConfig({ NODE_ENV: "production", MONGODB_URI: "mongodb://db" })).toThrow(/KINLINK_HASH_SECRET/);
    expect(() => loadStorageConfig({ KINLINK_HASH_SECRET: "short-secret-value" })).toThrow(/^(?!.*short-secret-value).*KINLINK_HASH_SECRET/);
  });
});

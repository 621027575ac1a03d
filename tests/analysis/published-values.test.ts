import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { clearPublishedValues, isPublishedFileName, isPublishedValue } from "../../lib/analysis/published-values.js";

describe("isPublishedFileName", () => {
  it("takes example env files, shared-environment env files and Compose files", () => {
    for (const name of [".env.example", ".env.local.example", ".env.sample", ".env.template", ".env.development", ".env.test", "example.env", "docker-compose.yml", "docker-compose.dev.yaml", "compose.yaml"]) {
      expect(isPublishedFileName(name), name).toBe(true);
    }
  });
  it("never takes private env files", () => {
    for (const name of [".env", ".env.local", ".env.production", ".env.development.local", ".envrc", "env.ts"]) {
      expect(isPublishedFileName(name), name).toBe(false);
    }
  });
});

describe("isPublishedValue", () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "published-"));
  fs.mkdirSync(path.join(root, "repo/.git"), { recursive: true });
  fs.mkdirSync(path.join(root, "repo/packages/api/src"), { recursive: true });
  fs.writeFileSync(path.join(root, "repo/packages/api/package.json"), "{}");
  fs.writeFileSync(path.join(root, "repo/.env.example"), 'MINIO_SECRET_KEY="minio_dev_secret"\n');
  fs.writeFileSync(path.join(root, "docker-compose.yml"), "MEILI_MASTER_KEY: outside_the_repo\n");
  const file = path.join(root, "repo/packages/api/src/storage.ts");

  it("finds a whole value in the repository root's example env", () => {
    expect(isPublishedValue(file, "minio_dev_secret")).toBe(true);
    expect(isPublishedValue(file, "minio_dev")).toBe(false);
  });
  it("stops at the repository root", () => {
    expect(isPublishedValue(file, "outside_the_repo")).toBe(false);
  });
  it("reads a file again when it changes", () => {
    const example = path.join(root, "repo/.env.example");
    fs.writeFileSync(example, "MINIO_SECRET_KEY=rotated_dev_secret\n");
    const later = new Date(Date.now() + 5_000);
    fs.utimesSync(example, later, later);
    expect(isPublishedValue(file, "rotated_dev_secret")).toBe(true);
    clearPublishedValues();
  });
});

import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

let cached: { name: string; version: string } | undefined;

/** The package's own name and version, found from source (tests) and from dist/ alike; read once per process. */
export function readPackageInfo(): { name: string; version: string } {
  cached ??= findPackageInfo();
  return cached;
}

function findPackageInfo(): { name: string; version: string } {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name?: string; version?: string };
      if (pkg.name === "eslint-plugin-backend-architect") return { name: pkg.name, version: pkg.version ?? "0.0.0" };
    } catch {
      // no package.json at this level: keep walking up
    }
    const parent = dirname(dir);
    if (parent === dir) return { name: "eslint-plugin-backend-architect", version: "0.0.0" };
    dir = parent;
  }
}

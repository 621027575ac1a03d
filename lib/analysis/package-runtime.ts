/**
 * What kind of process runs a file's package, read from its nearest `package.json`: a standalone Node
 * service (a worker started with `tsx watch index.ts`, `node --watch`, `nodemon`, `nest start --watch`, or a
 * package built on Express, Fastify, NestJS, Koa, hapi or Elysia) restarts the whole process
 * on a change, so module state does not pile up the way it does under a Next.js dev server's hot reload.
 */
import { readFileSync } from "node:fs";
import path from "node:path";

interface PackageFacts {
  standaloneProcess: boolean;
}

/** Package folders already read (one process lints many files of few packages; bounded all the same). */
const byDirectory = new Map<string, PackageFacts | undefined>();
const MAX_ENTRIES = 2_000;

/** `node dist/index.js`, `tsx watch index.ts`, `nodemon src/main.ts`, `bun --watch run.ts`, `ts-node-dev app.ts`, `nest start --watch`. */
const PROCESS_SCRIPT = /^(?:node|tsx|ts-node|ts-node-dev|nodemon|bun|nest start)(?:\s|$)/u;
/** Server frameworks that run as their own process: a package built on one (and not on Next.js) is a server. */
const SERVER_FRAMEWORKS = ["express", "fastify", "@nestjs/core", "koa", "@hapi/hapi", "elysia"];

/** Does the file belong to a package that runs as its own Node process, without Next.js? */
export function runsAsStandaloneProcess(filename: string): boolean {
  return factsOf(path.dirname(path.resolve(filename)))?.standaloneProcess ?? false;
}

function factsOf(dir: string): PackageFacts | undefined {
  if (byDirectory.has(dir)) return byDirectory.get(dir);
  let facts: PackageFacts | undefined;
  try {
    const pkg = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as {
      dependencies?: Record<string, string>;
      devDependencies?: Record<string, string>;
      scripts?: Record<string, string>;
    };
    const usesNext = Boolean(pkg.dependencies?.next ?? pkg.devDependencies?.next);
    const runs = ["dev", "start"].some((name) => PROCESS_SCRIPT.test(pkg.scripts?.[name]?.trim() ?? ""));
    const server = SERVER_FRAMEWORKS.some((name) => pkg.dependencies?.[name] !== undefined);
    facts = { standaloneProcess: !usesNext && (runs || server) };
  } catch {
    const parent = path.dirname(dir);
    facts = parent === dir ? undefined : factsOf(parent);
  }
  if (byDirectory.size >= MAX_ENTRIES) byDirectory.clear();
  byDirectory.set(dir, facts);
  return facts;
}

#!/usr/bin/env node
// The `prisma-lint` bin. Kept tiny: everything is in run.ts, and heavy modules load only when used.
import module from "node:module";

// V8's code cache on disk (Node 22.1+), as ESLint's own bin does: later runs skip compiling ESLint's
// modules, most of the start-up time. Enabled before anything else is loaded.
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();

const { main } = await import("./run.js");

process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0); // `prisma-lint | head`
  throw error;
});
process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  env: process.env,
});

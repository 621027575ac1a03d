#!/usr/bin/env node
// The `prisma-lint` bin. Kept tiny: everything is in run.ts, and heavy modules load only when used.
import { main } from "./run.js";

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

// Writes a deterministic, realistic-looking Prisma schema with N models (bench/.generated/schema-N.prisma).
// Each model has an id, scalars, an enum, timestamps and one or two relations to earlier models; every other
// foreign key lacks an index, so require-foreign-key-index has work to do (about 0.75 findings per model).
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const GENERATED = fileURLToPath(new URL("./.generated/", import.meta.url));

const NOUNS = ["Account", "Invoice", "Project", "Task", "Comment", "Team", "Member", "Order", "Product", "Shipment", "Ticket", "Report"];

function modelName(i) {
  return `${NOUNS[i % NOUNS.length]}${Math.floor(i / NOUNS.length) + 1}`;
}

/** The schema text for `models` models. */
export function schemaText(models) {
  const out = [
    "datasource db {",
    '  provider = "postgresql"',
    "}",
    "",
    "generator client {",
    '  provider = "prisma-client-js"',
    "}",
    "",
    "enum Status {",
    "  ACTIVE",
    "  ARCHIVED",
    "  DELETED",
    "}",
    "",
  ];
  for (let i = 0; i < models; i++) {
    const name = modelName(i);
    const lines = [`/// ${name}: generated for the prisma-lint benchmark.`, `model ${name} {`];
    lines.push("  id          String   @id @default(uuid())");
    lines.push(`  title       String   @db.VarChar(${100 + (i % 5) * 50})`);
    lines.push("  description String?");
    lines.push("  status      Status   @default(ACTIVE)");
    lines.push("  amount      Int      @default(0)");
    if (i > 0) {
      const parent = modelName(i - 1);
      lines.push("  parentId    String");
      lines.push(`  parent      ${parent} @relation("${name}Parent", fields: [parentId], references: [id], onDelete: Cascade)`);
    }
    if (i % 3 === 2) {
      const owner = modelName(Math.floor(i / 2));
      lines.push("  ownerId     String?");
      lines.push(`  owner       ${owner}? @relation("${name}Owner", fields: [ownerId], references: [id], onDelete: SetNull)`);
    }
    if (i + 1 < models) lines.push(`  children    ${modelName(i + 1)}[] @relation("${modelName(i + 1)}Parent")`);
    const owned = [];
    for (let j = 2 * i; j <= 2 * i + 1; j++) if (j < models && j % 3 === 2 && Math.floor(j / 2) === i) owned.push(j);
    for (const j of owned) lines.push(`  owned${j}     ${modelName(j)}[] @relation("${modelName(j)}Owner")`);
    lines.push("  createdAt   DateTime @default(now())");
    lines.push("  updatedAt   DateTime @updatedAt");
    if (i > 0 && i % 2 === 0) {
      lines.push("");
      lines.push("  @@index([parentId])");
    }
    if (i % 7 === 0) lines.push("  @@index([status, createdAt])");
    lines.push("}", "");
    out.push(...lines);
  }
  return out.join("\n");
}

/** Writes the schema once and returns its path. */
export function generateSchema(models) {
  mkdirSync(GENERATED, { recursive: true });
  const file = path.join(GENERATED, `schema-${models}.prisma`);
  writeFileSync(file, schemaText(models));
  return file;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const arg of process.argv.slice(2)) console.log(generateSchema(Number(arg)));
}

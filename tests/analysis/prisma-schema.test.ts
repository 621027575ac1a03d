import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { clearPrismaSchemaCache, getPrismaSchema, SCHEMA_RECHECK_MS } from "../../lib/analysis/prisma-schema.js";

const USER_SCHEMA = `
datasource db {
  provider = "postgresql"
}

model User {
  id           String   @id @default(cuid())
  email        String   @unique
  passwordHash String   @map("password_hash")
  posts        Post[]
  createdAt    DateTime @default(now())

  @@map("users")
}

model Post {
  id        String @id
  title     String
  status    Status
  authorId  String
  author    User   @relation(fields: [authorId], references: [id])
  teamId    String
  createdAt DateTime @default(now())

  @@index([teamId, createdAt])
}

enum Status {
  DRAFT
  PUBLISHED
}
`;

let root: string;

function write(relative: string, text: string): string {
  const file = path.join(root, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

function schemaFor(relativeFile: string, settings: Record<string, unknown> = {}) {
  return getPrismaSchema({ filename: path.join(root, relativeFile), cwd: root, settings: { "backend-architect": settings } });
}

/** The next lint starts after the disk may be read again (answers read off it hold for `SCHEMA_RECHECK_MS`). */
function aSecondLater(): void {
  vi.setSystemTime(Date.now() + SCHEMA_RECHECK_MS);
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  root = fs.mkdtempSync(path.join(os.tmpdir(), "prisma-schema-"));
  clearPrismaSchemaCache();
});
afterEach(() => {
  vi.useRealTimers();
  fs.rmSync(root, { recursive: true, force: true });
});

describe("getPrismaSchema", () => {
  it("finds prisma/schema.prisma upward from the linted file and maps accessors to models", () => {
    write("package.json", "{}");
    write("prisma/schema.prisma", USER_SCHEMA);
    const schema = schemaFor("app/api/users/route.ts");
    expect(schema?.path).toBe(path.join(root, "prisma/schema.prisma"));
    const user = schema!.models.get("user")!;
    expect(user.name).toBe("User");
    expect(user.dbName).toBe("users");
    expect(user.id).toEqual(["id"]);
    expect(user.uniques).toEqual([["email"]]);
    expect(user.fields.get("passwordHash")).toMatchObject({ kind: "scalar", type: "String", dbName: "password_hash" });
    expect(user.fields.get("posts")).toMatchObject({ kind: "relation", type: "Post", list: true, relationFields: [] });
    const post = schema!.byName.get("Post")!;
    expect(post.fields.get("author")).toMatchObject({ kind: "relation", relationFields: ["authorId"] });
    expect(post.fields.get("status")?.kind).toBe("enum");
    expect(post.indexes).toEqual([["teamId", "createdAt"]]);
    expect([...post.leadingColumns].sort()).toEqual(["id", "teamId"]);
    expect(schema!.enums.has("Status")).toBe(true);
  });

  it("lower-cases only the first letter of the model name for the accessor", () => {
    write("schema.prisma", "model UserProfile {\n  id Int @id\n}\nmodel API_Key {\n  id Int @id\n}\n");
    const schema = schemaFor("src/a.ts");
    expect([...schema!.models.keys()].sort()).toEqual(["aPI_Key", "userProfile"]);
  });

  it("reads a multi-file schema folder (prisma/schema/) with relations across files", () => {
    write("package.json", "{}");
    write("prisma/schema/schema.prisma", 'datasource db {\n  provider = "postgresql"\n}\n');
    write("prisma/schema/user.prisma", "model User {\n  id String @id\n  posts Post[]\n}\n");
    write("prisma/schema/post.prisma", "model Post {\n  id String @id\n  authorId String\n  author User @relation(fields: [authorId], references: [id])\n}\n");
    const schema = schemaFor("lib/posts.ts");
    expect(schema?.path).toBe(path.join(root, "prisma/schema"));
    expect(schema!.models.get("user")!.fields.get("posts")?.kind).toBe("relation");
    expect(schema!.models.get("post")!.file).toBe(path.join(root, "prisma/schema/post.prisma"));
  });

  it("sees a file added to, or deleted from, a schema folder (also in a subfolder) between two lints", () => {
    write("package.json", "{}");
    write("prisma/schema/schema.prisma", 'datasource db {\n  provider = "postgresql"\n}\n');
    write("prisma/schema/models/user.prisma", "model User {\n  id String @id\n}\n");
    expect([...schemaFor("lib/a.ts")!.models.keys()]).toEqual(["user"]);
    const touch = (folder: string, seconds: number): void => {
      const later = new Date(Date.now() + seconds * 1000);
      fs.utimesSync(path.join(root, folder), later, later);
      aSecondLater();
    };
    const post = write("prisma/schema/models/post.prisma", "model Post {\n  id String @id\n}\n");
    touch("prisma/schema/models", 5);
    expect([...schemaFor("lib/a.ts")!.models.keys()].sort()).toEqual(["post", "user"]);
    write("prisma/schema/extra/team.prisma", "model Team {\n  id String @id\n}\n");
    touch("prisma/schema", 10);
    expect([...schemaFor("lib/a.ts")!.models.keys()].sort()).toEqual(["post", "team", "user"]);
    fs.rmSync(post);
    touch("prisma/schema/models", 15);
    expect([...schemaFor("lib/a.ts")!.models.keys()].sort()).toEqual(["team", "user"]);
  });

  it("takes the schema from settings (a file or a folder) before any convention", () => {
    write("db/main.prisma", "model Account {\n  id Int @id\n}\n");
    write("prisma/schema.prisma", USER_SCHEMA);
    expect([...schemaFor("app/x.ts", { schema: "db/main.prisma" })!.models.keys()]).toEqual(["account"]);
    expect([...schemaFor("app/x.ts", { schema: "db" })!.models.keys()]).toEqual(["account"]);
    expect(schemaFor("app/x.ts", { schema: "nowhere.prisma" })).toBeUndefined();
  });

  it("follows package.json#prisma.schema and prisma.config.ts", () => {
    write("package.json", JSON.stringify({ prisma: { schema: "database/app.prisma" } }));
    write("database/app.prisma", "model Invoice {\n  id Int @id\n}\n");
    expect([...schemaFor("src/billing.ts")!.models.keys()]).toEqual(["invoice"]);

    write("web/prisma.config.ts", 'import { defineConfig } from "prisma/config";\nexport default defineConfig({ schema: "models" });\n');
    write("web/models/a.prisma", "model Team {\n  id Int @id\n}\n");
    expect([...schemaFor("web/app/page.ts")!.models.keys()]).toEqual(["team"]);
  });

  it("finds the one schema package of a monorepo, and none when two packages hold schemas", () => {
    write("package.json", JSON.stringify({ workspaces: ["apps/*", "packages/*"] }));
    write("apps/web/package.json", "{}");
    write("packages/db/package.json", "{}");
    write("packages/db/prisma/schema.prisma", USER_SCHEMA);
    expect(schemaFor("apps/web/app/api/route.ts")?.path).toBe(path.join(root, "packages/db/prisma/schema.prisma"));

    clearPrismaSchemaCache();
    write("packages/analytics/schema.prisma", "model Event {\n  id Int @id\n}\n");
    expect(schemaFor("apps/web/app/api/route.ts")).toBeUndefined();
  });

  it("reads pnpm-workspace.yaml (with comments) and a package's prisma.config.ts folder schema", () => {
    write("pnpm-workspace.yaml", 'packages:\n  # apps and packages\n  - "web"\n  - "packages/**"\ncatalog:\n  zod: ^4\n');
    write("web/package.json", "{}");
    write("packages/database/package.json", "{}");
    write("packages/database/prisma.config.ts", 'import path from "node:path";\nexport default defineConfig({ schema: path.join(__dirname, "prisma") });\n');
    write("packages/database/prisma/schema.prisma", 'datasource db {\n  provider = "postgresql"\n}\n');
    write("packages/database/prisma/models/poll.prisma", "model Poll {\n  id String @id\n}\n");
    const schema = schemaFor("web/src/trpc/routers/polls.ts");
    expect(schema?.path).toBe(path.join(root, "packages/database/prisma"));
    expect([...schema!.models.keys()]).toEqual(["poll"]);
  });

  it("is undefined without a schema, and for a schema with a syntax error", () => {
    write("package.json", "{}");
    expect(schemaFor("app/api/route.ts")).toBeUndefined();
    clearPrismaSchemaCache();
    write("prisma/schema.prisma", "model User {\n  id String @id\n");
    expect(schemaFor("app/api/route.ts")).toBeUndefined();
  });

  it("sees a schema edited between two lints", () => {
    write("package.json", "{}");
    const file = write("prisma/schema.prisma", "model User {\n  id String @id\n}\n");
    expect(schemaFor("app/a.ts")!.models.get("user")!.indexes).toEqual([]);
    fs.writeFileSync(file, "model User {\n  id String @id\n  email String\n\n  @@index([email])\n}\n");
    const later = new Date(Date.now() + 5000);
    fs.utimesSync(file, later, later);
    aSecondLater();
    expect(schemaFor("app/a.ts")!.models.get("user")!.indexes).toEqual([["email"]]);
  });

  it("reads the disk at most once a second: lints within a second of a check take the schema as it was", () => {
    write("package.json", "{}");
    const file = write("prisma/schema/schema.prisma", "model User {\n  id String @id\n}\n");
    expect(schemaFor("app/a.ts")!.models.get("user")!.fields.size).toBe(1);
    fs.writeFileSync(file, "model User {\n  id String @id\n  email String\n}\n");
    const later = new Date(Date.now() + 5000);
    fs.utimesSync(file, later, later);
    const stat = vi.spyOn(fs, "statSync");
    vi.setSystemTime(Date.now() + SCHEMA_RECHECK_MS - 1);
    expect(schemaFor("app/a.ts")!.models.get("user")!.fields.size).toBe(1);
    expect(stat).not.toHaveBeenCalled();
    vi.setSystemTime(Date.now() + 1);
    expect(schemaFor("app/a.ts")!.models.get("user")!.fields.size).toBe(2);
    expect(stat).toHaveBeenCalled();
    stat.mockRestore();
  });

  it("reads the disk again after a second for 'no schema here' too, and never trusts a clock that went back", () => {
    write("package.json", "{}");
    expect(schemaFor("app/a.ts")).toBeUndefined();
    write("prisma/schema.prisma", USER_SCHEMA);
    const later = new Date(Date.now() + 5000);
    fs.utimesSync(root, later, later);
    expect(schemaFor("app/a.ts")).toBeUndefined();
    vi.setSystemTime(Date.now() - 60_000);
    expect(schemaFor("app/a.ts")?.models.has("user")).toBe(true);
  });

  it("answers once per lint (one SourceCode), and the next lint sees an edit", () => {
    write("package.json", "{}");
    const file = write("prisma/schema.prisma", "model User {\n  id String @id\n}\n");
    const lint = (sourceCode: object) =>
      getPrismaSchema({ filename: path.join(root, "app/a.ts"), cwd: root, settings: {}, sourceCode })!.models.get("user")!.fields.size;
    const first = {};
    expect(lint(first)).toBe(1);
    fs.writeFileSync(file, "model User {\n  id String @id\n  email String\n}\n");
    const later = new Date(Date.now() + 5000);
    fs.utimesSync(file, later, later);
    aSecondLater();
    // the rules of one lint see one schema, even when it changes on disk meanwhile
    expect(lint(first)).toBe(1);
    expect(lint({})).toBe(2);
  });

  it("finds a schema created while the editor runs (a folder's change ends the 'no schema here' answer)", () => {
    write("package.json", "{}");
    write("app/api/route.ts", "");
    expect(schemaFor("app/api/route.ts")).toBeUndefined();
    write("prisma/schema.prisma", USER_SCHEMA);
    const later = new Date(Date.now() + 5000);
    fs.utimesSync(root, later, later);
    aSecondLater();
    expect(schemaFor("app/api/route.ts")?.models.has("user")).toBe(true);
  });

  it("finds a schema created in an existing prisma/ folder", () => {
    write("package.json", "{}");
    write("prisma/migrations/.keep", "");
    expect(schemaFor("app/api/route.ts")).toBeUndefined();
    write("prisma/schema.prisma", USER_SCHEMA);
    const later = new Date(Date.now() + 5000);
    fs.utimesSync(path.join(root, "prisma"), later, later);
    aSecondLater();
    expect(schemaFor("app/api/route.ts")?.models.has("user")).toBe(true);
  });

  it("returns the same object while nothing changed", () => {
    write("prisma/schema.prisma", USER_SCHEMA);
    expect(schemaFor("a/b.ts")).toBe(schemaFor("c/d.ts"));
  });

  it("skips @@ignore'd models and reads multi-schema (@@schema) models", () => {
    write(
      "prisma/schema.prisma",
      'datasource db {\n  provider = "postgresql"\n  schemas = ["auth", "public"]\n}\nmodel Session {\n  id String @id\n  @@schema("auth")\n}\nmodel Legacy {\n  id Int @id\n  @@ignore\n}\n',
    );
    expect([...schemaFor("a.ts")!.models.keys()]).toEqual(["session"]);
  });

  it("reads a field typed with a view as a relation, not a column", () => {
    write(
      "prisma/schema.prisma",
      "model User {\n  id String @id\n  name String\n  balances BalanceView[]\n}\nview BalanceView {\n  userId String @unique\n  amount Int\n  user User @relation(fields: [userId], references: [id])\n}\n",
    );
    const user = schemaFor("a.ts")!.models.get("user")!;
    expect(user.fields.get("balances")?.kind).toBe("relation");
  });
});

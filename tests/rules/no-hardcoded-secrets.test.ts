import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import rule from "../../lib/rules/no-hardcoded-secrets.js";
import { createRuleTester } from "../rule-tester.js";

const ruleTester = createRuleTester();

// Made-up credentials of the right shape, assembled so that no scanner mistakes this file for a leak.
const STRIPE_KEY = ["sk", "live", "4eC39HqLyjWDarjtT1zdp7dc"].join("_");
const AWS_KEY = "AKIA" + "IOSFODNN7EXAMPLF".replace("EXAMPLF", "Q7RTW2Z");
const PEM = "-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj\\n-----END PRIVATE KEY-----";

/**
 * A monorepo whose committed example env and Compose files publish local development defaults, and whose
 * private `.env` (never read) holds a developer's real value.
 */
const REPO = fs.mkdtempSync(path.join(os.tmpdir(), "secrets-repo-"));
fs.mkdirSync(path.join(REPO, ".git"));
fs.mkdirSync(path.join(REPO, "apps/web/lib/analytics"), { recursive: true });
fs.writeFileSync(path.join(REPO, "apps/web/package.json"), JSON.stringify({ name: "@acme/web", dependencies: { next: "15.0.0" } }));
fs.writeFileSync(path.join(REPO, "apps/web/.env.local.example"), "CLICKHOUSE_USER=ch_admin\nCLICKHOUSE_PASSWORD=ch_local_pw\n");
fs.writeFileSync(
  path.join(REPO, "docker-compose.dev.yml"),
  "services:\n  postgres:\n    environment:\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:-pg_dev_pass}\n  app:\n    environment:\n      - JWT_SECRET=compose-jwt-secret\n",
);
fs.writeFileSync(path.join(REPO, ".env"), "REDIS_PASSWORD=kT9vQ2mZr8Lw\n");
const inRepo = (file: string): string => path.join(REPO, file);

function jwtWithRole(role: string): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
  return `${part({ alg: "HS256", typ: "JWT" })}.${part({ iss: "supabase", role, iat: 1700000000 })}.c2lnbmF0dXJlLXNpZ25hdHVyZQ`;
}

ruleTester.run("no-hardcoded-secrets", rule, {
  valid: [
    {
      name: "a property named secret outside any auth config, and an env read that is not a fallback",
      filename: "lib/config.ts",
      code: `
        const vault = { secret: "kH8s9dLq2mZxVbT4", label: "primary" };
        export const settings = { mode: process.env.MODE ?? "standard", vault };
      `,
    },
    {
      name: "a callee imported from elsewhere that shares a cookie-parser default import's name",
      filename: "server/app.ts",
      code: `
        import cookieParser from "./parsers";
        export const parse = cookieParser("kH8s9dLq2mZxVbT4");
      `,
    },
    {
      name: "a test runner's setup file (tooling/vitest/setup.ts)",
      filename: "tooling/vitest/setup.ts",
      code: `process.env.MASTER_KEY = process.env.MASTER_KEY || "QmFzZTY0RW5jb2RlZE1hc3RlcktleU1pbjMyQ2hhcnM=";`,
    },
    {
      name: "a PEM-looking example shown as a textarea's placeholder",
      filename: "components/settings/certificates/handle-certificate.tsx",
      code: `
        const privateKeyDataHolder =
          "-----BEGIN PRIVATE KEY-----\\nMIIFRDCCAyygAwIBAgIUEPOR47ys6VDwMVB9tYoeEka83uQwDQYJKoZIhvcNAQELBQAwGTEXMBUGA1UEAwwObWktZG9taW5pby5jb20wHhcN\\n-----END PRIVATE KEY-----";
        export function PrivateKeyField() {
          return <textarea placeholder={privateKeyDataHolder} />;
        }
      `,
    },
    {
      name: "an env fallback that says the variable is missing (it fails to authenticate as sent)",
      filename: "server/utils/backup.ts",
      code: `
        export async function createBackup(job: unknown) {
          await fetch(\`\${process.env.JOBS_URL}/create-backup\`, {
            method: "POST",
            headers: { "Content-Type": "application/json", "X-API-Key": process.env.API_KEY || "NO-DEFINED" },
            body: JSON.stringify(job),
          });
        }
      `,
    },
    {
      name: "secrets read from the environment",
      filename: "lib/auth.ts",
      code: `
        import jwt from "jsonwebtoken";
        import { SignJWT, jwtVerify } from "jose";
        const key = new TextEncoder().encode(process.env.AUTH_SECRET);
        export const sign = (payload) => jwt.sign(payload, process.env.JWT_SECRET!, { expiresIn: "1h" });
        export const issue = (payload) => new SignJWT(payload).setProtectedHeader({ alg: "HS256" }).sign(key);
        export const check = (token: string) => jwtVerify(token, key);
      `,
    },
    {
      name: "empty and placeholder fallbacks",
      filename: "lib/env.ts",
      code: `
        export const stripeKey = process.env.STRIPE_SECRET_KEY_LIVE ?? process.env.STRIPE_SECRET_KEY ?? "";
        export const jwtSecret = process.env.JWT_SECRET || "change-me-in-production";
        export const apiKey = process.env.OPENAI_API_KEY || "your-openai-api-key";
        export const llmKey = process.env.LLM_API_KEY || "not-required";
        export const short = process.env.AUTH_SECRET ?? "secret";
        export const stars = process.env.SMTP_PASSWORD ?? "********";
        export const message = process.env.RESEND_API_KEY ?? "not configured";
      `,
    },
    {
      name: "fallbacks of names that are not secrets (public keys, cache keys, key ids, counts)",
      filename: "lib/config.ts",
      code: `
        export const posthog = process.env.NEXT_PUBLIC_POSTHOG_KEY ?? "phc_8a1b2c3d4e5f6g7h";
        export const publishable = process.env.STRIPE_PUBLISHABLE_KEY ?? "pk_test_51Hq2example";
        export const cacheKey = process.env.CACHE_KEY || "v1-dashboard-cache";
        export const keyId = process.env.STORAGE_ACCESS_KEY_ID || "minio-access";
        export const maxTokens = process.env.MAX_TOKENS || "4096000000";
        export const anon = process.env.SUPABASE_ANON_KEY ?? "anon-key-for-local-dev";
      `,
    },
    {
      name: "secret-like names holding ordinary strings (i18n keys, storage keys)",
      filename: "src/components/messages.ts",
      code: `
        export const labels = { password: "label.password", token: "label.accessToken" };
        export const TOKEN_STORAGE_KEY = "app.auth.token.storage";
        const achievements = [{ id: "konami", secret: "hidden-achievement-unlocked" }];
      `,
    },
    {
      name: "node crypto Sign.sign(key, encoding) is not jsonwebtoken",
      filename: "lib/domain-connect/sign.ts",
      code: `
        import crypto from "crypto";
        export function signUrl(privateKeyPem: string, data: string) {
          const sign = crypto.createSign("RSA-SHA256");
          sign.update(data);
          return sign.sign(privateKeyPem, "base64url-encoded");
        }
      `,
    },
    {
      name: "credential prefixes without a credential (checks, docs placeholders, PEM headers)",
      filename: "lib/stripe.ts",
      code: `
        export const isLive = (key: string) => key.startsWith("sk_live_");
        export const hint = "Paste a key such as sk_live_... here";
        export const sample = "sk_test_xxxxxxxxxxxxxxxxxxxxxxxx";
        export const strip = (pem: string) => pem.replace("-----BEGIN PRIVATE KEY-----", "").replace(/\\s/g, "");
      `,
    },
    {
      name: "connection strings to a local or compose database, or with a stock password",
      filename: "lib/db.ts",
      code: `
        export const url = process.env.DATABASE_URL ?? "postgresql://postgres:postgres@localhost:5432/app";
        export const compose = "postgres://app:s3cr3t-local@db:5432/app";
        export const docs = "mysql://root:password@mysql.example.com:3306/shop";
      `,
    },
    {
      name: "made-up fallbacks handed to another service's client: the service refuses them, nothing of the app's is unlocked",
      filename: "libraries/services/ai.service.ts",
      code: `
        import OpenAI from "openai";
        import Stripe from "stripe";
        import { createClient } from "@supabase/supabase-js";
        import { ChatOpenAI } from "@langchain/openai";
        const openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY || "sk-local-development" });
        const model = new ChatOpenAI({ apiKey: process.env.OPENAI_API_KEY || "sk-proj-", model: "gpt-4.1" });
        export const stripe = new Stripe(process.env.STRIPE_SECRET_KEY || "sk_nothing_configured");
        export const admin = createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_SERVICE_KEY ?? "local-service-key");
      `,
    },
    {
      name: "bare key prefixes and prefix checks",
      filename: "lib/keys.ts",
      code: `
        export const openAiKey = process.env.OPENAI_API_KEY || "sk-proj-";
        export const stripeKey = process.env.STRIPE_SECRET_KEY ?? "sk_live_";
        export const isSecretKey = (key: string) => key.startsWith("sk-") || key.startsWith("sk_live_");
      `,
    },
    {
      name: "seed scripts fill a development database with known keys",
      filename: "packages/shared/scripts/seeder/seed-postgres.ts",
      code: `
        const seedApiKey = { id: "seed-api-key", secret: process.env.SEED_SECRET_KEY ?? "sk-lf-9f8e7d6c5b4a", public: "pk-lf-9f8e7d6c5b4a" };
        export default seedApiKey;
      `,
    },
    {
      name: "sequential and keyboard-row dummy values",
      filename: "lib/dev-keys.ts",
      code: `
        export const a = process.env.API_SECRET_KEY ?? "sk-lf-1234567890";
        export const b = process.env.API_TOKEN ?? "token-asdfghjkl";
      `,
    },
    {
      name: "test files are ignored by default",
      filename: "tests/auth.test.ts",
      code: `
        import jwt from "jsonwebtoken";
        const token = jwt.sign({ sub: "1" }, "test-signing-secret-123");
      `,
    },
    {
      name: "a Supabase anon key is public by design",
      filename: "lib/supabase.ts",
      code: `
        import { createClient } from "@supabase/supabase-js";
        export const supabase = createClient("https://abc.supabase.co", "${jwtWithRole("anon")}");
      `,
    },
    {
      name: "key material built from runtime values",
      filename: "packages/services/src/integration/snapshot.ts",
      code: `
        import { jwtVerify } from "jose";
        export async function digest(c) {
          const data = new TextEncoder().encode(\`\${c.botUserId}:\${c.botToken}\`);
          return crypto.subtle.digest("SHA-256", data);
        }
        export const verify = (token: string, secret: string) => jwtVerify(token, new TextEncoder().encode(secret));
      `,
    },
    {
      name: "Auth.js secret from env, and a secret property outside an auth config",
      filename: "auth.ts",
      code: `
        import NextAuth from "next-auth";
        export const { handlers, auth } = NextAuth({ secret: process.env.AUTH_SECRET, providers: [] });
        export const quiz = { question: "What is hidden?", secret: "the-treasure-map" };
      `,
    },
    {
      name: "a secret fallback that only applies in development, and an HMAC key from env",
      filename: "app/api/webhook/route.ts",
      code: `
        import crypto from "crypto";
        const secret = process.env.WEBHOOK_SECRET ?? (process.env.NODE_ENV === "development" ? devSecret() : undefined);
        export const sign = (body: string) => crypto.createHmac("sha256", \`\${process.env.DUB_WEBHOOK_SECRET}\`).update(body).digest("hex");
      `,
    },
    {
      name: "env fallbacks to development defaults the repository publishes in its example env and Compose files",
      filename: inRepo("apps/web/lib/analytics/clickhouse.ts"),
      code: `
        import { createClient } from "@clickhouse/client";
        const password = process.env.CLICKHOUSE_PASSWORD || "ch_local_pw";
        export const clickhouse = createClient({ url: process.env.CLICKHOUSE_URL, password });
        export const dictionarySource = \`PASSWORD '\${process.env.CLICKHOUSE_PASSWORD ?? "ch_local_pw"}'\`;
        export const { DATABASE_PASSWORD = "pg_dev_pass" } = process.env;
      `,
    },
    {
      name: "a well-known local default password as an env fallback",
      filename: "lib/db/config.ts",
      code: `
        export const dbPassword = process.env.DB_PASSWORD ?? "password";
        export const pgPassword = process.env.POSTGRES_PASSWORD || "postgres";
      `,
    },
  ],
  invalid: [
    {
      name: "cookie-parser under any local name",
      filename: "server/app.ts",
      code: `
        import parseCookies from "cookie-parser";
        export const middleware = parseCookies("kH8s9dLq2mZxVbT4");
      `,
      errors: [{ messageId: "secretArgument", data: { what: "the cookie-parser signing secret" }, line: 3, column: 48, endLine: 3, endColumn: 66 }],
    },
    {
      name: "an option key spelled with a unicode escape, and a fallback from import.meta.env",
      filename: "src/auth.ts",
      code: `
        import NextAuth from "next-auth";
        export const { handlers } = NextAuth({ s\\u0065cret: "kH8s9dLq2mZxVbT4", providers: [] });
        export const signingKey = import.meta.env.SIGNING_SECRET ?? "Zq8vN2kLm4Rt";
      `,
      errors: [
        { messageId: "secretArgument", data: { what: "the Auth.js `secret`" }, line: 3, column: 61, endLine: 3, endColumn: 79 },
        { messageId: "secretFallback", data: { name: "process.env.SIGNING_SECRET" }, line: 4, column: 69, endLine: 4, endColumn: 83 },
      ],
    },
    {
      name: "jsonwebtoken sign with a literal secret",
      filename: "lib/auth.ts",
      code: `
        import jwt from "jsonwebtoken";
        export const issue = (userId: string) => jwt.sign({ sub: userId }, "my-super-secret-jwt-key", { expiresIn: "7d" });
      `,
      errors: [
        {
          messageId: "secretArgument",
          data: { what: "the JWT signing secret" },
          line: 3,
          column: 76,
          endLine: 3,
          endColumn: 101,
        },
      ],
    },
    {
      name: "jsonwebtoken verify with a const secret, reported at the literal",
      filename: "server/middleware/auth.ts",
      code: `
        import { verify } from "jsonwebtoken";
        const JWT_SECRET = "kH8s9dLq2mZxVb";
        export function authenticate(token: string) {
          return verify(token, JWT_SECRET);
        }
      `,
      errors: [{ messageId: "secretArgument", line: 3, column: 28, endLine: 3, endColumn: 44 }],
    },
    {
      name: "jose key from a literal, used to sign and to verify: one report",
      filename: "lib/session.ts",
      code: `
        import { SignJWT, jwtVerify } from "jose";
        const key = new TextEncoder().encode("a-long-hardcoded-signing-key");
        export const encrypt = (payload) => new SignJWT(payload).setProtectedHeader({ alg: "HS256" }).sign(key);
        export const decrypt = (token: string) => jwtVerify(token, key, { algorithms: ["HS256"] });
      `,
      errors: [
        {
          messageId: "secretArgument",
          data: { what: "the `jose` signing key" },
          line: 3,
          column: 46,
          endLine: 3,
          endColumn: 76,
        },
      ],
    },
    {
      name: "Auth.js secret in a typed config and in NextAuth(...)",
      filename: "lib/auth-options.ts",
      code: `
        import NextAuth, { type NextAuthOptions } from "next-auth";
        export const authOptions: NextAuthOptions = { secret: "3f9a1c7e5b2d8f4a", providers: [] };
        export default NextAuth({ ...authOptions, secret: \`9d8c7b6a5f4e3d2c\` });
      `,
      errors: [
        { messageId: "secretArgument", data: { what: "the Auth.js `secret`" }, line: 3, column: 63, endLine: 3, endColumn: 81 },
        { messageId: "secretArgument", data: { what: "the Auth.js `secret`" }, line: 4, column: 59, endLine: 4, endColumn: 77 },
      ],
    },
    {
      name: "iron-session password written into the options",
      filename: "app/actions.ts",
      code: `
        "use server";
        import { getIronSession } from "iron-session";
        import { cookies } from "next/headers";
        export async function getSession() {
          return getIronSession(await cookies(), { password: "complex_password_at_least_32_characters_long", cookieName: "app" });
        }
      `,
      errors: [{ messageId: "secretArgument", data: { what: "the iron-session `password`" }, line: 6, column: 62, endLine: 6, endColumn: 108 }],
    },
    {
      name: "env fallbacks to a real-looking secret",
      filename: "lib/env.ts",
      code: `
        export const jwtSecret = process.env.JWT_SECRET || "development-jwt-secret";
        export const { SESSION_PASSWORD = "a-default-session-password" } = process.env;
        export const admin = process.env["ADMIN_PASSWORD"] ?? "admin12345";
      `,
      errors: [
        { messageId: "secretFallback", data: { name: "process.env.JWT_SECRET" }, line: 2, column: 60, endLine: 2, endColumn: 84 },
        { messageId: "secretFallback", data: { name: "process.env.SESSION_PASSWORD" }, line: 3, column: 43, endLine: 3, endColumn: 71 },
        { messageId: "secretFallback", data: { name: "process.env.ADMIN_PASSWORD" }, line: 4, column: 63, endLine: 4, endColumn: 75 },
      ],
    },
    {
      name: "the app's own signing and encryption secrets are reported even in a constructor's options",
      filename: "src/auth/jwt.strategy.ts",
      code: `
        import { Strategy } from "passport-jwt";
        export const strategy = new Strategy({ secretOrKey: process.env.JWT_SECRET || "dev-jwt-signing-key" });
        const secretKey = process.env.COOKIE_SECRET_KEY || "default_secret_key";
        export const cipherKey = Buffer.from(secretKey);
      `,
      errors: [
        { messageId: "secretFallback", data: { name: "process.env.JWT_SECRET" }, line: 3, column: 87, endLine: 3, endColumn: 108 },
        { messageId: "secretFallback", data: { name: "process.env.COOKIE_SECRET_KEY" }, line: 4, column: 60, endLine: 4, endColumn: 80 },
      ],
    },
    {
      name: "a fallback after a chain of env reads is reported once, as a fallback",
      filename: "lib/stripe.ts",
      code: `
        export const key = process.env.STRIPE_SECRET_KEY_LIVE ?? process.env.STRIPE_SECRET_KEY ?? "${STRIPE_KEY}";
      `,
      errors: [{ messageId: "secretFallback", data: { name: "process.env.STRIPE_SECRET_KEY" }, line: 2, column: 99, endLine: 2, endColumn: 133 }],
    },
    {
      name: "credential shapes anywhere: a direct argument, an object property, a private key",
      filename: "lib/clients.ts",
      code: `
        import Stripe from "stripe";
        export const stripe = new Stripe("${STRIPE_KEY}");
        export const s3 = { region: "eu-west-1", credentials: { accessKeyId: "${AWS_KEY}", secretAccessKey: process.env.S3_SECRET! } };
        export const pem = "${PEM}";
      `,
      errors: [
        { messageId: "credentialLiteral", data: { kind: "a Stripe secret key" }, line: 3, column: 42, endLine: 3, endColumn: 76 },
        { messageId: "credentialLiteral", data: { kind: "an AWS access key id" }, line: 4, column: 78, endLine: 4, endColumn: 100 },
        { messageId: "credentialLiteral", data: { kind: "a private key" }, line: 5, column: 28, endLine: 5, endColumn: 150 },
      ],
    },
    {
      name: "a Supabase service-role key and a connection string with its password",
      filename: "lib/admin.ts",
      code: `
        import { createClient } from "@supabase/supabase-js";
        export const admin = createClient("https://abc.supabase.co", "${jwtWithRole("service_role")}");
        export const url = "postgresql://app:Tr0ub4dor-3x@db.eu-central.rds.amazonaws.com:5432/app";
      `,
      errors: [
        { messageId: "credentialLiteral", data: { kind: "a Supabase service-role key" }, line: 3, column: 70, endLine: 3, endColumn: 70 + jwtWithRole("service_role").length + 2 },
        { messageId: "credentialLiteral", data: { kind: "a database connection string with its password" }, line: 4, column: 28, endLine: 4, endColumn: 100 },
      ],
    },
    {
      name: "an HMAC key written into createHmac",
      filename: "lib/webhooks.ts",
      code: `
        import { createHmac } from "node:crypto";
        export const signature = (body: string) => createHmac("sha256", "whk-3b1f9e7a2c4d").update(body).digest("hex");
      `,
      errors: [{ messageId: "secretArgument", data: { what: "an HMAC key" }, line: 3, column: 73, endLine: 3, endColumn: 91 }],
    },
    {
      name: "a fallback only the private .env holds, and the app's own signing secret even when Compose publishes it",
      filename: inRepo("apps/web/lib/analytics/cache.ts"),
      code: `
        export const redisPassword = process.env.REDIS_PASSWORD || "kT9vQ2mZr8Lw";
        export const jwtSecret = process.env.JWT_SECRET || "compose-jwt-secret";
        export const ingestKey = process.env.INGEST_API_KEY ?? "ch_local_pw_2";
      `,
      errors: [
        { messageId: "secretFallback", data: { name: "process.env.REDIS_PASSWORD" }, line: 2, column: 68, endLine: 2, endColumn: 82 },
        { messageId: "secretFallback", data: { name: "process.env.JWT_SECRET" }, line: 3, column: 60, endLine: 3, endColumn: 80 },
        { messageId: "secretFallback", data: { name: "process.env.INGEST_API_KEY" }, line: 4, column: 64, endLine: 4, endColumn: 79 },
      ],
    },
  ],
});

// The ESLint language server that VS Code runs (`vscode-eslint-language-server` from the npm package
// vscode-langservers-extracted), driven over stdio the way the VS Code ESLint extension drives it: pull
// diagnostics (`textDocument/diagnostic`) for documents opened in a fixture project. Shared by the
// editor integration test (tests/editor/language-server.test.ts) and the editor bench (suites/editor.js).
//
// The bundled server predates ESLint 10, so the fixture project's node_modules/eslint is ESLint 9 (the
// `eslint-v9` alias devDependency), as in a project that has not moved to ESLint 10 yet.
import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync, readFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const ROOT = fileURLToPath(new URL("../", import.meta.url));
const FIXTURE = path.join(ROOT, "tests/fixtures/editor-project");

/** The config of a project that only parses (what the editor target is measured against). */
const PARSE_ONLY_CONFIG = `import backendArchitect from "eslint-plugin-backend-architect";
import tseslint from "typescript-eslint";

export default [
  { files: ["**/*.ts"], languageOptions: { parser: tseslint.parser } },
  { files: ["**/*.prisma"], plugins: { "backend-architect": backendArchitect }, language: "backend-architect/prisma" },
];
`;

/**
 * The fair floor of a plugin (DESIGN §6): the same, plus one trivial core rule, so that ESLint's traversal
 * of the tree is paid as any rule pays it.
 */
const FLOOR_CONFIG = PARSE_ONLY_CONFIG.replace(
  `  { files: ["**/*.ts"], languageOptions: { parser: tseslint.parser } },`,
  `  { files: ["**/*.ts"], languageOptions: { parser: tseslint.parser }, rules: { "no-await-in-loop": "error" } },`,
);

/** The server's entry point, or undefined (with the reason) when the package is not installed. */
export function languageServerPath() {
  try {
    const require = createRequire(import.meta.url);
    const dir = path.dirname(require.resolve("vscode-langservers-extracted/package.json"));
    const server = path.join(dir, "lib/eslint-language-server/eslintServer.js");
    return existsSync(server) ? { server } : { reason: `${server} does not exist` };
  } catch (error) {
    return { reason: `vscode-langservers-extracted is not installed (${error.message.split("\n")[0]})` };
  }
}

/**
 * Copies the fixture project into a temporary folder and links its node_modules: eslint (ESLint 9),
 * this plugin (the built package: `npm run build` first) and typescript-eslint.
 * `config: "parse-only"` swaps the recommended config for one that only parses; `"floor"` for one that parses
 * and runs one trivial core rule (`no-await-in-loop`).
 */
export function createEditorProject({ config = "recommended" } = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), "backend-architect-editor-"));
  cpSync(FIXTURE, dir, { recursive: true });
  if (config === "parse-only") writeFileSync(path.join(dir, "eslint.config.js"), PARSE_ONLY_CONFIG);
  if (config === "floor") writeFileSync(path.join(dir, "eslint.config.js"), FLOOR_CONFIG);
  const modules = path.join(dir, "node_modules");
  mkdirSync(modules);
  const link = (name, target) => symlinkSync(target, path.join(modules, name), "dir");
  link("eslint", path.join(ROOT, "node_modules/eslint-v9"));
  link("eslint-plugin-backend-architect", ROOT);
  link("typescript-eslint", path.join(ROOT, "node_modules/typescript-eslint"));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The settings the VS Code ESLint extension sends for a document (`eslint.*`, flat config, validate on). */
function documentSettings(workspaceUri) {
  return {
    validate: "on",
    packageManager: "npm",
    useESLintClass: false,
    useFlatConfig: true,
    experimental: { useFlatConfig: false },
    codeAction: {
      disableRuleComment: { enable: true, location: "separateLine", commentStyle: "line" },
      showDocumentation: { enable: true },
    },
    codeActionOnSave: { enable: false, mode: "all" },
    format: false,
    quiet: false,
    onIgnoredFiles: "off",
    options: {},
    rulesCustomizations: [],
    run: "onType",
    problems: { shortenToSingleLine: false },
    nodePath: null,
    workspaceFolder: { name: "fixture", uri: workspaceUri },
  };
}

class RequestTimeout extends Error {}

/** A minimal LSP client over stdio: requests with timeouts, the server's requests answered like VS Code. */
export class LanguageServer {
  #child;
  #buffer = Buffer.alloc(0);
  #nextId = 1;
  #pending = new Map();
  #versions = new Map();
  /** The server's log and status messages, for failure reports. */
  log = [];
  /** `eslint/status` validation times (ms, the server's own clock) per document URI, latest last. */
  validationTimes = new Map();

  constructor(child, workspaceUri) {
    this.#child = child;
    this.workspaceUri = workspaceUri;
    child.stdout.on("data", (chunk) => this.#receive(chunk));
    child.stderr.on("data", (chunk) => this.log.push(`stderr: ${String(chunk).trim()}`));
    child.on("exit", (code, signal) => {
      this.log.push(`server exited (${code ?? signal})`);
      for (const { reject } of this.#pending.values()) reject(new Error(`the language server exited (${code ?? signal})\n${this.log.join("\n")}`));
      this.#pending.clear();
    });
  }

  /** Starts the server for a project folder and completes the `initialize` handshake. */
  static async start(projectDir, { timeoutMs = 30_000 } = {}) {
    const found = languageServerPath();
    if (!found.server) throw new Error(found.reason);
    const child = spawn(process.execPath, [found.server, "--stdio"], { cwd: projectDir, stdio: ["pipe", "pipe", "pipe"] });
    const workspaceUri = pathToFileURL(projectDir).href;
    const server = new LanguageServer(child, workspaceUri);
    await new Promise((resolve, reject) => {
      child.once("spawn", resolve);
      child.once("error", reject);
    });
    await server.request(
      "initialize",
      {
        processId: process.pid,
        clientInfo: { name: "backend-architect-tests" },
        rootUri: workspaceUri,
        workspaceFolders: [{ uri: workspaceUri, name: "fixture" }],
        capabilities: {
          workspace: { configuration: true, workspaceFolders: true, didChangeConfiguration: { dynamicRegistration: false } },
          textDocument: {
            synchronization: { dynamicRegistration: false, didSave: true },
            diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false },
            codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ["quickfix", "source.fixAll.eslint"] } } },
          },
        },
      },
      timeoutMs,
    );
    server.notify("initialized", {});
    return server;
  }

  request(method, params, timeoutMs = 30_000) {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(new RequestTimeout(`${method} got no answer in ${timeoutMs} ms\n${this.log.join("\n")}`));
      }, timeoutMs);
      this.#pending.set(id, {
        resolve: (value) => (clearTimeout(timer), resolve(value)),
        reject: (error) => (clearTimeout(timer), reject(error)),
      });
      this.#send({ jsonrpc: "2.0", id, method, params });
    });
  }

  notify(method, params) {
    this.#send({ jsonrpc: "2.0", method, params });
  }

  /** Opens a document of the project (read from disk). */
  open(relativePath, languageId) {
    const uri = this.uri(relativePath);
    const text = readFileSync(path.join(fileURLToPath(this.workspaceUri), relativePath), "utf8");
    this.#versions.set(uri, 1);
    this.notify("textDocument/didOpen", { textDocument: { uri, languageId, version: 1, text } });
    return uri;
  }

  /** Replaces a document's text, as typing does. */
  change(relativePath, text) {
    const uri = this.uri(relativePath);
    const version = (this.#versions.get(uri) ?? 1) + 1;
    this.#versions.set(uri, version);
    this.notify("textDocument/didChange", { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  /** Pulls a document's diagnostics; `ms` is the round trip as the editor sees it. */
  async diagnostics(relativePath, timeoutMs = 30_000) {
    const start = performance.now();
    const report = await this.request("textDocument/diagnostic", { textDocument: { uri: this.uri(relativePath) } }, timeoutMs);
    return { items: report?.items ?? [], ms: performance.now() - start };
  }

  /** CPU time (user + system, ms) the server process has used so far, from /proc (Linux); else undefined. */
  cpuTime() {
    try {
      const stat = readFileSync(`/proc/${this.#child.pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      // utime and stime are fields 14 and 15, in clock ticks (100 per second)
      return (Number(fields[11]) + Number(fields[12])) * 10;
    } catch {
      return undefined;
    }
  }

  uri(relativePath) {
    return new URL(relativePath, this.workspaceUri.endsWith("/") ? this.workspaceUri : `${this.workspaceUri}/`).href;
  }

  async stop() {
    try {
      await this.request("shutdown", null, 5_000);
      this.notify("exit", null);
    } catch {
      // it is going away anyway
    }
    const child = this.#child;
    if (child.exitCode === null && child.signalCode === null) {
      await new Promise((resolve) => {
        const timer = setTimeout(() => (child.kill(), resolve()), 2_000);
        child.once("exit", () => (clearTimeout(timer), resolve()));
      });
    }
  }

  #send(message) {
    const body = Buffer.from(JSON.stringify(message), "utf8");
    this.#child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.#child.stdin.write(body);
  }

  #receive(chunk) {
    this.#buffer = Buffer.concat([this.#buffer, chunk]);
    for (;;) {
      const headerEnd = this.#buffer.indexOf("\r\n\r\n");
      if (headerEnd === -1) return;
      const length = Number(/Content-Length: (\d+)/iu.exec(this.#buffer.subarray(0, headerEnd).toString("ascii"))?.[1]);
      if (this.#buffer.length < headerEnd + 4 + length) return;
      const message = JSON.parse(this.#buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString("utf8"));
      this.#buffer = this.#buffer.subarray(headerEnd + 4 + length);
      this.#handle(message);
    }
  }

  #handle(message) {
    if (message.id !== undefined && message.method === undefined) {
      const pending = this.#pending.get(message.id);
      this.#pending.delete(message.id);
      if (!pending) return;
      if (message.error) pending.reject(new Error(`${message.error.message}\n${this.log.join("\n")}`));
      else pending.resolve(message.result);
      return;
    }
    if (message.id !== undefined) {
      // a request from the server: answer like VS Code
      let result = null;
      if (message.method === "workspace/configuration") {
        result = (message.params?.items ?? []).map(() => documentSettings(this.workspaceUri));
      } else if (message.method?.startsWith("eslint/")) {
        result = {};
        this.log.push(`${message.method}: ${JSON.stringify(message.params)}`);
      }
      this.#send({ jsonrpc: "2.0", id: message.id, result });
      return;
    }
    if (message.method === "eslint/status" && message.params?.validationTime !== undefined) {
      const times = this.validationTimes.get(message.params.uri) ?? [];
      times.push(message.params.validationTime);
      this.validationTimes.set(message.params.uri, times);
    } else if (message.method === "window/logMessage" || message.method === "window/showMessage") {
      this.log.push(message.params?.message ?? "");
    }
  }
}

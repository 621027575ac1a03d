/**
 * SARIF 2.1.0 for GitHub code scanning: a `prisma-lint` tool driver listing every rule that ran (id,
 * descriptions, help URI, default level), results with regions, paths relative to `%SRCROOT%` (the
 * repository in GitHub Actions, `GITHUB_WORKSPACE`, else the working directory), and syntax errors as
 * tool execution notifications.
 *
 * Written here rather than with `@microsoft/eslint-formatter-sarif`: that package depends on ESLint 8 at
 * run time (it would install a second ESLint into users' projects), names the tool "ESLint", and writes
 * absolute `file://` URIs.
 */
import { pathToFileURL } from "node:url";
import type { ESLint, Linter } from "eslint";
import { REPO_URL } from "../../lib/util/repo-url.js";
import type { RuleMeta } from "../engine.js";
import { reportPath } from "./github.js";
import type { FormatContext } from "./index.js";

type Level = "error" | "warning" | "note";

interface SarifLocation {
  physicalLocation: {
    artifactLocation: { uri: string; uriBaseId: string; index: number };
    region?: { startLine: number; startColumn?: number; endLine?: number; endColumn?: number };
  };
}

const SRCROOT = "%SRCROOT%";

function level(severity: number | undefined): Level {
  return severity === 2 ? "error" : "warning";
}

/** Percent-encodes each segment of a relative path for a URI reference. */
function relativeUri(relative: string): string {
  return relative
    .split("/")
    .map((segment) => encodeURIComponent(segment))
    .join("/");
}

function region(message: Linter.LintMessage): SarifLocation["physicalLocation"]["region"] {
  if (!message.line) return undefined;
  const r: NonNullable<SarifLocation["physicalLocation"]["region"]> = { startLine: message.line };
  if (message.column) r.startColumn = message.column;
  if (message.endLine) r.endLine = message.endLine;
  if (message.endColumn) r.endColumn = message.endColumn;
  return r;
}

function ruleDescriptor(id: string, meta: RuleMeta | undefined, severity: 1 | 2) {
  const description = meta?.docs?.description ?? id;
  const helpUri = meta?.docs?.url ?? `${REPO_URL}/blob/main/docs/rules/${id}.md`;
  return {
    id,
    name: id,
    shortDescription: { text: `${description}.` },
    fullDescription: { text: `${description}.` },
    helpUri,
    help: { text: `${description}. See ${helpUri}`, markdown: `${description}. [Rule documentation](${helpUri})` },
    defaultConfiguration: { level: level(severity) },
    properties: { tags: ["prisma", "schema", meta?.type ?? "problem"], ...(meta?.fixable ? { fixable: true } : {}) },
  };
}

export function formatSarif(results: readonly ESLint.LintResult[], context: FormatContext): string {
  const ruleIds = [...context.enabledRules.keys()].sort();
  // a result's rule that is not in the enabled set (an inline `eslint-enable`) still needs a descriptor
  for (const result of results) {
    for (const message of result.messages) {
      if (message.ruleId && !ruleIds.includes(message.ruleId)) ruleIds.push(message.ruleId);
    }
  }
  const ruleIndex = new Map(ruleIds.map((id, i) => [id, i]));
  const artifacts: { location: { uri: string; uriBaseId: string } }[] = [];
  const sarifResults: unknown[] = [];
  const configurationNotifications: unknown[] = [];
  const executionNotifications: unknown[] = [];

  for (const result of results) {
    const uri = relativeUri(reportPath(result.filePath, context.baseDir));
    const index = artifacts.push({ location: { uri, uriBaseId: SRCROOT } }) - 1;
    for (const message of result.messages) {
      const r = region(message);
      const location: SarifLocation = { physicalLocation: { artifactLocation: { uri, uriBaseId: SRCROOT, index } } };
      if (r) location.physicalLocation.region = r;
      if (message.fatal) {
        executionNotifications.push({ level: "error", message: { text: message.message }, locations: [location], descriptor: { id: "syntax-error" } });
      } else if (!message.ruleId) {
        // an unused eslint-disable comment: a problem with the configuration comments, not a rule result
        configurationNotifications.push({ level: level(message.severity), message: { text: message.message }, locations: [location], descriptor: { id: "unused-disable-directive" } });
      } else {
        sarifResults.push({
          ruleId: message.ruleId,
          ruleIndex: ruleIndex.get(message.ruleId),
          level: level(message.severity),
          message: { text: message.message },
          locations: [location],
        });
      }
    }
  }

  const baseUri = pathToFileURL(context.baseDir.endsWith("/") ? context.baseDir : `${context.baseDir}/`).href;
  const run = {
    tool: {
      driver: {
        name: "prisma-lint",
        fullName: "prisma-lint (eslint-plugin-backend-architect)",
        informationUri: `${REPO_URL}/blob/main/docs/prisma-lint.md`,
        version: context.version,
        semanticVersion: context.version,
        rules: ruleIds.map((id) => ruleDescriptor(id, context.rulesMeta[id], context.enabledRules.get(id) ?? 2)),
      },
    },
    invocations: [
      {
        executionSuccessful: executionNotifications.length === 0,
        ...(executionNotifications.length > 0 ? { toolExecutionNotifications: executionNotifications } : {}),
        ...(configurationNotifications.length > 0 ? { toolConfigurationNotifications: configurationNotifications } : {}),
      },
    ],
    originalUriBaseIds: { [SRCROOT]: { uri: baseUri } },
    artifacts,
    results: sarifResults,
    columnKind: "utf16CodeUnits",
  };
  return JSON.stringify({ $schema: "https://json.schemastore.org/sarif-2.1.0.json", version: "2.1.0", runs: [run] }, null, 2);
}

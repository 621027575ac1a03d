// Types for editor-session.js (plain JavaScript so that `npm run bench` runs it without a build).

export declare const ROOT: string;

export interface Diagnostic {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity?: number;
  code?: string | number | { value: string | number; target?: string };
  codeDescription?: { href: string };
  source?: string;
  message: string;
}

export declare function languageServerPath(): { server: string; reason?: undefined } | { server?: undefined; reason: string };

export declare function createEditorProject(options?: { config?: "recommended" | "parse-only" | "floor" }): { dir: string; cleanup: () => void };

export declare class LanguageServer {
  readonly workspaceUri: string;
  log: string[];
  validationTimes: Map<string, number[]>;
  static start(projectDir: string, options?: { timeoutMs?: number }): Promise<LanguageServer>;
  request(method: string, params: unknown, timeoutMs?: number): Promise<unknown>;
  notify(method: string, params: unknown): void;
  open(relativePath: string, languageId: string): string;
  change(relativePath: string, text: string): void;
  diagnostics(relativePath: string, timeoutMs?: number): Promise<{ items: Diagnostic[]; ms: number }>;
  cpuTime(): number | undefined;
  uri(relativePath: string): string;
  stop(): Promise<void>;
}

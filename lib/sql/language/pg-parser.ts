/**
 * PostgreSQL's own parser (`libpg-query`, compiled to WebAssembly), called synchronously.
 *
 * ESLint's `Language#parse` must be synchronous, but a WebAssembly module of this size loads
 * asynchronously. So the parser lives in a worker thread, started on the first SQL file a process
 * parses, and `parseRaw` waits for its answer with `Atomics.wait` (the pattern of `synckit`, which
 * eslint-plugin-prettier uses). Consequences:
 * - importing the plugin costs nothing: no WebAssembly is read until a `.sql` file is parsed, and a
 *   project without SQL files never starts the worker;
 * - users need no extra import or async config: `configs.recommended` lints migrations as it is;
 * - the worker is `unref`'d, so it never keeps a process alive.
 *
 * The worker hands back PostgreSQL's JSON parse tree as a string (cheaper to pass between threads
 * than an object graph); `JSON.parse` happens here. Offsets in the tree are UTF-8 byte offsets, and a
 * syntax error's cursor is a 1-based character (code point) position: `parser.ts` converts both.
 */
import { createRequire } from "node:module";
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from "node:worker_threads";

export type RawParseResult =
  | { ok: true; json: string }
  | { ok: false; message: string; /** 1-based code point position, 0 when unknown. */ cursor: number }
  | { ok: false; unavailable: string };

/**
 * How long one parse may take before the parser is declared dead. Generous: a 10 MB file takes ~2 s,
 * but a loaded CI machine (or valgrind) can take a minute just to compile the WebAssembly module.
 */
const TIMEOUT_MS = 600_000;

// Runs in the worker (CommonJS, `eval: true`). It talks to the Emscripten module directly, as
// libpg-query's own `parseSync` does, but returns the JSON text instead of parsing it.
const WORKER_SOURCE = `
const { workerData } = require("node:worker_threads");
const { port, signal, gluePath } = workerData;
const flag = new Int32Array(signal);
function reply(message) {
  port.postMessage(message);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
}
let ready;
try {
  ready = Promise.resolve(require(gluePath)());
} catch (error) {
  ready = Promise.reject(error);
}
function parse(M, text) {
  const size = M.lengthBytesUTF8(text) + 1;
  const input = M._malloc(size);
  let result = 0;
  try {
    M.stringToUTF8(text, input, size);
    result = M._wasm_parse_query_raw(input);
    if (!result) return { ok: false, message: "The SQL parser ran out of memory.", cursor: 0 };
    const tree = M.getValue(result, "i32");
    const error = M.getValue(result + 8, "i32");
    if (error) {
      const message = M.UTF8ToString(M.getValue(error, "i32"));
      return { ok: false, message, cursor: M.getValue(error + 16, "i32") };
    }
    return { ok: true, json: tree ? M.UTF8ToString(tree) : '{"stmts":[]}' };
  } finally {
    M._free(input);
    if (result) M._wasm_free_parse_result(result);
  }
}
port.on("message", (text) => {
  ready.then(
    (M) => {
      let answer;
      try {
        answer = parse(M, text);
      } catch (error) {
        answer = { ok: false, message: String((error && error.message) || error), cursor: 0 };
      }
      reply(answer);
    },
    (error) => reply({ ok: false, unavailable: String((error && error.message) || error) }),
  );
});
`;

interface Bridge {
  port: MessagePort;
  flag: Int32Array;
  dead?: string;
}

// The parser process of this thread: shared by every file, keeps no state about any of them.
let bridge: Bridge | undefined;

/** Has this thread started the parser? (The plugin's tests check that importing it does not.) */
export function isParserStarted(): boolean {
  return bridge !== undefined;
}

function startBridge(): Bridge {
  const signal = new SharedArrayBuffer(4);
  const { port1, port2 } = new MessageChannel();
  let gluePath: string;
  try {
    gluePath = createRequire(import.meta.url).resolve("libpg-query/wasm/libpg-query.js");
  } catch {
    return { port: port1, flag: new Int32Array(signal), dead: "libpg-query is not installed" };
  }
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { port: port2, signal, gluePath },
    transferList: [port2],
  });
  worker.unref();
  return { port: port1, flag: new Int32Array(signal) };
}

/** PostgreSQL's parse of `text`, as JSON text, or its syntax error. Never throws. */
export function parseRaw(text: string): RawParseResult {
  bridge ??= startBridge();
  if (bridge.dead) return { ok: false, unavailable: bridge.dead };
  Atomics.store(bridge.flag, 0, 0);
  bridge.port.postMessage(text);
  if (Atomics.wait(bridge.flag, 0, 0, TIMEOUT_MS) === "timed-out") {
    bridge.dead = "the SQL parser did not answer";
    return { ok: false, unavailable: bridge.dead };
  }
  const received = receiveMessageOnPort(bridge.port);
  if (!received) return { ok: false, unavailable: "the SQL parser sent no answer" };
  const answer = received.message as RawParseResult;
  if ("unavailable" in answer) bridge.dead = answer.unavailable;
  return answer;
}

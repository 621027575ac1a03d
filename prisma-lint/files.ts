/** Reading schema files with clear errors, and replacing them atomically after `--fix`. */
import { randomBytes } from "node:crypto";
import { chmodSync, chownSync, closeSync, fsyncSync, openSync, readFileSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from "node:fs";
import path from "node:path";
import { describeFsError, UserError } from "./errors.js";

const decoder = new TextDecoder("utf-8", { fatal: true });

/** Reads a schema file as UTF-8 text. Binary or unreadable files are a {@link UserError}. */
export function readSchemaFile(file: string, label: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new UserError(`cannot read file: ${describeFsError(error)}`, label);
  }
  // NUL never occurs in a text schema; checking it first gives a clearer message than a decoding error
  if (bytes.includes(0)) throw new UserError("not a text file (it contains binary data)", label);
  try {
    return decoder.decode(bytes);
  } catch {
    throw new UserError("not a text file (it is not valid UTF-8)", label);
  }
}

/**
 * Replaces a file's content atomically: writes a temporary file beside it (same folder, so the same file
 * system), flushes it, copies the mode and owner, then renames it over the original. A reader sees the old
 * schema or the new one, never half of it; on any failure the original is untouched and the temporary file
 * is removed. A symbolic link is followed, so the link stays a link.
 */
export function writeFileAtomic(file: string, text: string, fs = { renameSync }): void {
  const target = realpathSync(file);
  const stats = statSync(target);
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(temp, "wx", stats.mode & 0o777);
    writeSync(fd, text);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    chmodSync(temp, stats.mode & 0o7777);
    try {
      chownSync(temp, stats.uid, stats.gid);
    } catch {
      // only root may give a file away; keeping our own ownership is fine
    }
    fs.renameSync(temp, target);
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    try {
      unlinkSync(temp);
    } catch {
      // never created
    }
    throw error;
  }
}

import fs from "node:fs";

/**
 * What changes when a folder's entries change: its modification time and inode (`"-"` when it does not
 * exist). One `stat`, no listing: caches of what a folder holds compare stamps to see an edit in the editor.
 */
export function folderStamp(folder: string): string {
  const stat = fs.statSync(folder, { throwIfNoEntry: false });
  return stat ? `${stat.mtimeMs}:${stat.ino}` : "-";
}

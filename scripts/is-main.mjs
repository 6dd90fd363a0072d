// Whether the module at `moduleUrl` (its import.meta.url) is the script node was asked to run,
// rather than imported by another one. Compared as file URLs of the real path, so a folder with
// a space or a symlink in its path still counts (a hand-made "file://" + path does not: the URL
// has %20 where the path has a space, and the script would silently do nothing).
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';

export function isMain(moduleUrl) {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return moduleUrl === pathToFileURL(fs.realpathSync(script)).href;
  } catch {
    return false;
  }
}

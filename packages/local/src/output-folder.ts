import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, rmdirSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/** An output folder that cannot be used as asked: the message names the flag; exit code 2. */
export class FolderError extends Error {
  override name = "FolderError";
}

export interface OutputFile {
  name: string;
  body: Buffer;
}

function isEmptyFolder(path: string): boolean {
  return readdirSync(path).length === 0;
}

/**
 * Checks `--out` before anything is read: a folder that does not exist yet or is empty, or any
 * folder with `--force` (which replaces the export's own files there and leaves others alone).
 */
export function checkOutFolder(path: string, force: boolean): void {
  if (!existsSync(path)) return;
  if (!statSync(path).isDirectory()) throw new FolderError(`--out ${path} : ce chemin est un fichier, pas un dossier.`);
  if (!force && !isEmptyFolder(path)) {
    throw new FolderError(`--out ${path} : le dossier n'est pas vide. Choisissez un dossier nouveau ou vide, ou ajoutez --force pour y remplacer les fichiers de l'export.`);
  }
}

/**
 * Writes the files so that a failure leaves no partial file: everything is written into a
 * staging folder beside `path` (same file system, readable by its owner only: the export holds
 * personal data), which then becomes `path` in one rename; with `--force` into an existing
 * folder, each file replaces its namesake in one rename. On failure the staging folder goes.
 */
export function writeFolder(path: string, files: readonly OutputFile[], force: boolean): void {
  checkOutFolder(path, force);
  mkdirSync(dirname(path), { recursive: true });
  const staging = mkdtempSync(join(dirname(path), `.${basename(path)}.export-`));
  try {
    for (const file of files) writeFileSync(join(staging, file.name), file.body, { mode: 0o600, flag: "wx" });
    if (existsSync(path) && isEmptyFolder(path)) rmdirSync(path);
    if (!existsSync(path)) {
      renameSync(staging, path);
      return;
    }
    for (const file of files) renameSync(join(staging, file.name), join(path, file.name));
    rmSync(staging, { recursive: true, force: true });
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}

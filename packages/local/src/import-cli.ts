/** `npm run import`: see import-command.ts. Exit codes: 0 done, 1 refused or failed, 2 bad command line. */
import { runImport } from "./import-command";

runImport(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);

/** `npm run invite`: see invite-command.ts. Exit codes: 0 sent, 1 refused or failed, 2 bad command line. */
import { runInvite } from "./invite-command";

runInvite(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);

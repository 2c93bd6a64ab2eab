/**
 * `npm run invite -- [--stage NAME [--region R]] EMAIL`: e-mails an agent of the table (imported,
 * without a password yet) a new link to choose their password, valid 7 days; the links sent
 * before to that address for the same organisation stop working (only the newest is valid, so a
 * forwarded or leaked older e-mail is useless). On a stage through its SES identity; locally
 * into the outbox, which the local site shows at /dev/outbox.
 */
import { noEmailAdvice, openTarget, type CommandDeps, type Target } from "./cli-target";
import { parseCommandLine, UsageError } from "./command-line";

export const INVITE_USAGE = "Usage : npm run invite -- [--stage NOM [--region RÉGION]] ADRESSE-E-MAIL";

export async function runInvite(argv: string[], deps: CommandDeps = {}): Promise<number> {
  const out = deps.out ?? ((line: string) => console.log(line));
  const err = deps.err ?? ((line: string) => console.error(line));
  let email: string;
  let stage: string | undefined;
  let region: string | undefined;
  try {
    const { values, positionals } = parseCommandLine(argv, { stage: { type: "string" }, region: { type: "string" } });
    if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? "l'adresse e-mail de l'agent est attendue" : `une seule adresse est attendue (reçu : ${positionals.join(" ")})`);
    if (values.stage === "") throw new UsageError("--stage : un nom de stage est attendu");
    if (values.region !== undefined && !values.stage) throw new UsageError("--region ne sert qu'avec --stage");
    [email, stage, region] = [positionals[0]!, values.stage, values.region];
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    err(`${error.message}\n${INVITE_USAGE}`);
    return 2;
  }

  let target: Target;
  try {
    target = await openTarget({ stage, region }, deps);
  } catch (error) {
    err(`${(error as Error).message}\nAucune invitation envoyée.`);
    return 1;
  }
  try {
    if (target.kind === "stage" && !target.sendsEmail) {
      err(noEmailAdvice(target.stage, `invitation demandée pour : ${email}`));
      return 1;
    }
    const [Session, Clock, { isDomainError }] = await Promise.all([import("@rdv/core/session"), import("@rdv/core/clock"), import("@rdv/core/error")]);
    try {
      const sent = await Session.inviteAccount(email, Clock.now(), "npm run invite");
      out(`Invitation envoyée à ${sent.email} (${target.description}), lien valable jusqu'au ${sent.expiresAt.slice(0, 10)}.`);
      out("Les liens envoyés avant à cette adresse pour cette organisation ne sont plus valables.");
      if (target.kind === "local") out(`E-mail dans l'outbox locale : ${process.env.PUBLIC_URL ?? "http://localhost:3000"}/dev/outbox`);
      return 0;
    } catch (error) {
      if (isDomainError(error)) err(`${error.message} Aucune invitation envoyée.`);
      else err(`L'envoi de l'invitation à ${email} a échoué : ${(error as Error).message}`);
      return 1;
    }
  } finally {
    await target.close();
  }
}

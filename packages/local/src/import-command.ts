/**
 * `npm run import -- FILE.json [--stage NAME [--region R]] [--dry-run] [--invite | --invite-all] [--json]`
 *
 * Validates a département file and loads it: into a deployed stage's table (`--stage`), or into
 * the local stack's database (cli-target.ts). Nothing is written when anything is wrong; loading
 * the same file again writes the same data. `--dry-run` writes nothing and prints, per kind, what
 * would be created, updated or left unchanged. Then agents are invited to choose their password:
 * on a stage, the file's admins (every agent with `--invite-all`) who have neither a password nor
 * a pending invitation, through the stage's SES; locally, only with `--invite`/`--invite-all`,
 * into the outbox. Agents never get a password from a file (the demo's are dev.ts's, locally).
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { noEmailAdvice, openTarget, type CommandDeps, type Target } from "./cli-target";
import { KIND_LABELS, parseCommandLine, UsageError } from "./command-line";

export const IMPORT_USAGE =
  "Usage : npm run import -- FICHIER.json [--stage NOM [--region RÉGION]] [--dry-run] [--invite | --invite-all]";

const OPTIONS = {
  stage: { type: "string" },
  region: { type: "string" },
  "dry-run": { type: "boolean" },
  invite: { type: "boolean" },
  "invite-all": { type: "boolean" },
  json: { type: "boolean" },
} as const;

/** Labels of the dry run's lines (per kind of item in the table), in the order printed. */
const KINDS: Record<string, string> = {
  department: "département",
  organisation: "organisations",
  service: "services",
  place: "lieux",
  motif: "motifs",
  agent: "agents",
  membership: "rattachements d'agents",
  openingRule: "plages d'ouverture",
  absence: "absences",
  servedCommune: "communes desservies",
  appointment: "rendez-vous",
  participation: "participations",
  serviceUser: "usagers",
  userProfile: "fiches usagers (par organisation)",
  stats: "compteurs de statistiques",
  agentDay: "journées d'agenda (temps occupé)",
  // busy time by place (docs/data-model.md): each agent's places, each place's covered agents and weeks
  agentPlaces: "lieux de travail des agents",
  placeAgents: "agents couverts par lieu",
  placeWeek: "semaines de temps occupé par lieu",
};

export async function runImport(argv: string[], deps: CommandDeps = {}): Promise<number> {
  const out = deps.out ?? ((line: string) => console.log(line));
  const err = deps.err ?? ((line: string) => console.error(line));
  let args;
  try {
    args = parseArguments(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    err(`${error.message}\n${IMPORT_USAGE}`);
    return 2;
  }
  const { path, stage, region, dryRun, invite, json } = args;
  let text: string;
  try {
    text = readFileSync(resolve(process.env.INIT_CWD ?? process.cwd(), path), "utf8");
  } catch (error) {
    err(`${path} : lecture impossible (${(error as Error).message}). Rien n'a été écrit.`);
    return 1;
  }

  let target: Target;
  try {
    target = await openTarget({ stage, region }, deps);
  } catch (error) {
    err(`${(error as Error).message}\nRien n'a été écrit.`);
    return 1;
  }
  try {
    const [DepartmentFile, Session, Clock, { isDomainError }] = await Promise.all([
      import("@rdv/core/department-file"),
      import("@rdv/core/session"),
      import("@rdv/core/clock"),
      import("@rdv/core/error"),
    ]);
    const options = {
      expectedDepartment: target.kind === "stage" ? { code: target.stage.settings.department.code, stage: target.stage.stage } : undefined,
      onProgress: json ? undefined : (kind: string, count: number) => out(`  ${(KIND_LABELS[kind] ?? kind).padEnd(22)} ${count}`),
    };
    let input: unknown;
    try {
      input = DepartmentFile.parseJson(text);
      if (dryRun) {
        out(`Simulation sur la ${target.description} : rien n'est écrit.`);
        const { changes } = await DepartmentFile.preview(input, { ...options, onProgress: undefined });
        for (const line of changeLines(changes)) out(line);
      } else {
        if (!json) out(`Import de ${path} dans la ${target.description} :`);
        const summary = await DepartmentFile.load(input, options);
        if (json) out(JSON.stringify(summary));
        else out("Import terminé.");
      }
    } catch (error) {
      if (!isDomainError(error)) {
        if (dryRun) throw error;
        err(`L'import s'est interrompu : ${(error as Error).message}`);
        err("Une partie du fichier a pu être écrite : relancez la même commande, qui écrit les mêmes données.");
        return 1;
      }
      err(`${error.message} Rien n'a été écrit.`);
      for (const [field, message] of Object.entries(error.fields ?? {})) err(`  ${field}: ${message}`);
      return 1;
    }

    const agents = (input as { agents: Array<{ id: string; email: string; role: string }> }).agents;
    const invited = invite === "all" ? agents : agents.filter((agent) => agent.role === "admin");
    if (target.kind === "local" && !invite) return 0;
    const who = invite === "all" ? "agents du fichier" : "admins du fichier";
    const now = Clock.now();
    // who has neither a password nor a pending invitation (after a dry run, those not in the table yet too)
    const access = new Map((await Session.accountAccess(invited.map((a) => a.id), now)).map((a) => [a.agentId, a.state]));
    const waiting = invited.filter((a) => (access.get(a.id) ?? "none") === "none").map((a) => a.email.toLowerCase());

    if (target.kind === "stage" && !target.sendsEmail) {
      out(noEmailAdvice(target.stage, `${who} sans mot de passe ni invitation : ${waiting.join(", ") || "aucun"}`));
      return 0;
    }
    if (dryRun) {
      out(`Invitations qui seraient envoyées (${who} sans mot de passe ni invitation en cours) : ${waiting.join(", ") || "aucune"}`);
      return 0;
    }
    try {
      out(`Invitations (${who} sans mot de passe ni invitation en cours), liens valables ${Session.INVITATION_DAYS} jours :`);
      const result = await Session.inviteNewAccounts(invited.map((a) => a.id), now, {
        invitedBy: "npm run import",
        onInvited: ({ email, expiresAt }) => out(`  envoyée à ${email} (jusqu'au ${expiresAt.slice(0, 10)})`),
      });
      if (result.invited.length === 0) out("  aucune à envoyer");
      const withPassword = result.skipped.filter((a) => a.state === "password").length;
      const pending = result.skipped.filter((a) => a.state === "invited").length;
      if (withPassword + pending > 0) out(`  déjà un mot de passe : ${withPassword} ; invitation en cours : ${pending}`);
      if (target.kind === "local" && result.invited.length > 0) out(`  (e-mails dans l'outbox locale : ${process.env.PUBLIC_URL ?? "http://localhost:3000"}/dev/outbox)`);
      return 0;
    } catch (error) {
      err(`Le fichier est importé, mais l'envoi des invitations s'est arrêté : ${(error as Error).message}`);
      err(`Celles déjà envoyées restent valables ; relancez la même commande pour envoyer les autres.`);
      return 1;
    }
  } finally {
    await target.close();
  }
}

function parseArguments(argv: string[]) {
  const { values, positionals } = parseCommandLine(argv, OPTIONS);
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? "le fichier du département est attendu" : `un seul fichier est attendu (reçu : ${positionals.join(" ")})`);
  if (values.stage === "") throw new UsageError("--stage : un nom de stage est attendu");
  if (values.region !== undefined && !values.stage) throw new UsageError("--region ne sert qu'avec --stage");
  if (values.invite && values["invite-all"]) throw new UsageError("--invite et --invite-all : choisissez l'un ou l'autre");
  if (values.json && values["dry-run"]) throw new UsageError("--json ne sert pas avec --dry-run");
  return {
    path: positionals[0]!,
    stage: values.stage,
    region: values.region,
    dryRun: Boolean(values["dry-run"]),
    invite: values["invite-all"] ? ("all" as const) : values.invite ? ("admins" as const) : undefined,
    json: Boolean(values.json),
  };
}

function changeLines(changes: Record<string, { created: number; updated: number; unchanged: number; deleted: number }>): string[] {
  const order = [...Object.keys(KINDS), ...Object.keys(changes).filter((kind) => !(kind in KINDS)).sort()];
  return order
    .filter((kind) => changes[kind])
    .map((kind) => {
      const { created, updated, unchanged, deleted } = changes[kind]!;
      const parts = [
        created ? `${created} à créer` : "",
        updated ? `${updated} à modifier` : "",
        deleted ? `${deleted} à supprimer` : "",
        unchanged ? `${unchanged} inchangé(s)` : "",
      ].filter(Boolean);
      return `  ${(KINDS[kind] ?? kind).padEnd(34)} ${parts.join(", ")}`;
    });
}

/**
 * Account invitations of imported agents (first admins of a stage, `npm run invite`): who gets
 * one, the e-mail and its link (7 days), a new link superseding the old one, SES's exact command.
 */
import { SESv2Client } from "@aws-sdk/client-sesv2";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import * as DepartmentFile from "../department-file";
import * as Email from "../email";
import { ConflictError, NotFoundError } from "../error";
import * as Outbox from "../outbox";
import { smallDepartment } from "../testing/department-fixture";
import { recordCommands } from "../testing/record-commands";
import * as Session from "./index";

const now = new Date();
const DAY = 86_400_000;
const id = (name: string) => `inv-${name}`;
const address = (name: string) => `inv.${name}@demo.rdv.local`;

beforeAll(async () => {
  await DepartmentFile.load(smallDepartment("inv"));
});

afterEach(() => Email.use(undefined));

/** The outbox's e-mails to an address, oldest first. */
async function mailsTo(to: string) {
  return (await Outbox.list({ limit: 500 })).filter((m) => m.channel === "email" && m.to === to).reverse();
}

const tokenOf = (text: string) => /\/agent\/invitation\/([A-Za-z0-9_-]+)/.exec(text)?.[1] ?? "";

describe("account invitations", () => {
  it("invites an agent without password nor pending invitation, once", async () => {
    expect(await Session.accountAccess([id("alice"), id("bruno"), "nobody"], now)).toEqual([
      { agentId: id("alice"), email: address("alice"), state: "none" },
      { agentId: id("bruno"), email: address("bruno"), state: "none" },
    ]);

    const until = new Date(Math.floor((now.getTime() + 7 * DAY) / 1000) * 1000).toISOString();
    const first = await Session.inviteNewAccounts([id("bruno")], now, { invitedBy: "test" });
    expect(first).toEqual({ invited: [{ agentId: id("bruno"), email: address("bruno"), expiresAt: until }], skipped: [] });
    const [mail] = await mailsTo(address("bruno"));
    expect(mail?.subject).toBe("Votre compte RDV, l'agenda des services du département");
    const token = tokenOf(mail!.text);
    expect(mail?.text).toBe(
      `Bonjour Bruno,\n\nVotre compte sur RDV, l'agenda des services du département (Pas-de-Calais), est prêt pour MDS Arras.\nChoisissez votre mot de passe avec ce lien, valable 7 jours :\nhttps://rdv.example.fr/agent/invitation/${token}\n\nSi vous n'attendiez pas ce message, ignorez-le.`,
    );
    expect(await Session.describeInvitation(token, now)).toEqual({ organisationName: "MDS Arras", account: "new" });
    // the link is refused once its 7 days are over
    await expect(Session.describeInvitation(token, new Date(now.getTime() + 7 * DAY + 1000))).rejects.toMatchObject({ code: "auth.invitation_invalid" });

    const again = await Session.inviteNewAccounts([id("bruno")], now, { invitedBy: "test" });
    expect(again).toEqual({ invited: [], skipped: [{ agentId: id("bruno"), email: address("bruno"), state: "invited", until }] });
    expect(await mailsTo(address("bruno"))).toHaveLength(1);
  });

  it("sends a new link that supersedes the earlier one; once a password is chosen there is nothing to invite", async () => {
    await Session.inviteAccount(address("alice"), now, "test");
    const resent = await Session.inviteAccount(`  INV.Alice@demo.rdv.local `, now, "test");
    expect(resent.email).toBe(address("alice"));
    const [old, latest] = (await mailsTo(address("alice"))).map((m) => tokenOf(m.text));
    await expect(Session.describeInvitation(old, now)).rejects.toMatchObject({ code: "auth.invitation_invalid" });

    await Session.acceptInvitation({ token: latest, password: "un mot de passe solide" }, now, undefined);
    expect(await Session.accountAccess([id("alice")], now)).toEqual([{ agentId: id("alice"), email: address("alice"), state: "password" }]);
    const signedIn = await Session.signIn({ email: address("alice"), password: "un mot de passe solide" }, now, undefined);
    expect(signedIn.sessionToken).toBeTruthy();

    await expect(Session.inviteAccount(address("alice"), now, "test")).rejects.toThrow(ConflictError);
    await expect(Session.inviteAccount("personne@demo.rdv.local", now, "test")).rejects.toThrow(NotFoundError);
  });

  it("sends through SES from the stage's address, exactly this command; a refused e-mail leaves no pending invitation", async () => {
    const client = new SESv2Client({ region: "eu-west-3", credentials: { accessKeyId: "x", secretAccessKey: "x" } });
    const calls = recordCommands(client, () => ({ MessageId: "ses-1" }));
    await Email.useSes("ne-pas-repondre@rdv.example.fr", client);
    await Session.inviteAccount(address("bruno"), now, "test");
    const text = (calls[0]?.input as { Content: { Simple: { Body: { Text: { Data: string } } } } }).Content.Simple.Body.Text.Data;
    expect(calls).toEqual([
      {
        command: "SendEmailCommand",
        input: {
          FromEmailAddress: "ne-pas-repondre@rdv.example.fr",
          Destination: { ToAddresses: [address("bruno")] },
          Content: {
            Simple: {
              Subject: { Data: "Votre compte RDV, l'agenda des services du département", Charset: "UTF-8" },
              Body: { Text: { Data: text, Charset: "UTF-8" } },
            },
          },
        },
      },
    ]);
    expect(text).toContain(`https://rdv.example.fr/agent/invitation/${tokenOf(text)}`);

    const refusing = new SESv2Client({ region: "eu-west-3", credentials: { accessKeyId: "x", secretAccessKey: "x" } });
    recordCommands(refusing, () => Object.assign(new Error("Email address is not verified."), { name: "MessageRejected" }));
    await Email.useSes("ne-pas-repondre@rdv.example.fr", refusing);
    const carla = smallDepartment("inv").agents![0]!;
    await DepartmentFile.load({ ...smallDepartment("inv"), agents: [...smallDepartment("inv").agents!, { ...carla, id: id("carla"), email: address("carla"), firstName: "Carla" }] });
    await expect(Session.inviteNewAccounts([id("carla")], now, { invitedBy: "test" })).rejects.toThrow("Email address is not verified.");
    expect(await Session.accountAccess([id("carla")], now)).toEqual([{ agentId: id("carla"), email: address("carla"), state: "none" }]);
  });
});

import { createHash, randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import * as Audit from "../audit";
import * as DepartmentFile from "../department-file";
import { DomainError } from "../error";
import { smallDepartment } from "../testing/department-fixture";
import * as Session from ".";

const PASSWORD = "mot-de-passe-solide-2026";
const p = `s${randomUUID().slice(0, 6)}`;
const email = (name: string) => `${p}.${name}@demo.rdv.local`;
/** a fresh client address for each call that must not share the client's counters */
let clients = 0;
const freshClient = () => `198.51.${Math.floor(++clients / 250)}.${clients % 250}`;
// 10:00:00 UTC: the hour window of the failure counters starts here, so 30-second steps stay in it
const start = new Date("2026-12-02T10:00:00Z");
const at = (seconds: number) => new Date(start.getTime() + seconds * 1000);

beforeAll(async () => {
  const base = smallDepartment(p);
  await DepartmentFile.load({
    ...base,
    agents: [...base.agents!.filter((a) => !a.id.endsWith("-alice") && !a.id.endsWith("-bruno")), ...base.agents!.filter((a) => a.id.endsWith("-alice") || a.id.endsWith("-bruno"))].concat(["carla", "dora"].map((name) => ({ id: `${p}-${name}`, email: email(name), firstName: name, lastName: "Test", organisationIds: [`${p}-mds-arras`], serviceIds: [`${p}-pmi`], role: "agent" as const }))),
  });
  for (const name of ["alice", "bruno", "carla", "dora"]) await Session.setPassword(`${p}-${name}`, PASSWORD);
});

/** One sign-in: "ok", or the refusal's code and Retry-After. */
async function attempt(address: string, password: string, client: string, now: Date) {
  try {
    await Session.signIn({ email: address, password }, now, client);
    return "ok";
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return { code: error.code, retryAfter: error.retryAfterSeconds, message: error.message };
  }
}

const wrong = { code: "auth.invalid_credentials", retryAfter: undefined, message: "Adresse e-mail ou mot de passe incorrect." };

describe("sign-in limits", () => {
  it("after 5 failures an account is slowed down (one attempt per 30 s, the right password included); 20 failures in the hour lock it for 15 minutes; then the right password works", async () => {
    const alice = email("alice");
    for (let i = 0; i < 5; i++) expect(await attempt(alice, "mauvais", freshClient(), at(0))).toEqual(wrong);
    // the 6th attempt takes the 30-second window's one slot; the 7th in that window is refused unchecked
    expect(await attempt(alice, "mauvais", freshClient(), at(0))).toEqual(wrong);
    expect(await attempt(alice, PASSWORD, freshClient(), at(10))).toMatchObject({ code: "auth.slow_down", retryAfter: 20 });
    for (let i = 1; i <= 14; i++) expect(await attempt(alice, "mauvais", freshClient(), at(30 * i))).toEqual(wrong); // failures 7 to 20
    const locked = { code: "auth.locked", retryAfter: 15 * 60, message: "Trop de tentatives de connexion : la connexion est suspendue, réessayez dans 15 minutes." };
    expect(await attempt(alice, PASSWORD, freshClient(), at(420))).toEqual(locked);
    expect(await attempt(alice, PASSWORD, freshClient(), at(420 + 14 * 60 + 59))).toMatchObject({ code: "auth.locked", retryAfter: 1 });
    expect(await attempt(alice, PASSWORD, freshClient(), at(420 + 15 * 60))).toBe("ok");
  });

  it("an unknown e-mail gets exactly the same answers as an existing account, lock included", async () => {
    const run = async (address: string) => {
      const answers = [];
      for (let i = 0; i < 7; i++) answers.push(await attempt(address, "mauvais", freshClient(), at(0)));
      for (let i = 1; i <= 14; i++) answers.push(await attempt(address, "mauvais", freshClient(), at(30 * i)));
      answers.push(await attempt(address, PASSWORD, freshClient(), at(430)));
      return answers;
    };
    const known = await run(email("bruno"));
    const unknown = await run(email(`personne-${randomUUID().slice(0, 6)}`));
    expect(unknown).toEqual(known);
    expect(known.at(-1)).toMatchObject({ code: "auth.locked", retryAfter: 890 });
  });

  it("a success forgets the account's failures", async () => {
    const carla = email("carla");
    for (let i = 0; i < 5; i++) expect(await attempt(carla, "mauvais", freshClient(), at(0))).toEqual(wrong);
    expect(await attempt(carla, PASSWORD, freshClient(), at(0))).toBe("ok");
    const after = [];
    for (let i = 0; i < 5; i++) after.push(await attempt(carla, "mauvais", freshClient(), at(1)));
    expect(after).toEqual([wrong, wrong, wrong, wrong, wrong]);
  });

  it("a client is slowed down and then locked across several accounts; other clients are not", async () => {
    const client = freshClient();
    const guesses = [];
    for (let i = 0; i < 6; i++) guesses.push(await attempt(email(`inconnu-${i}-${randomUUID().slice(0, 4)}`), "mauvais", client, at(0)));
    expect(guesses).toEqual([wrong, wrong, wrong, wrong, wrong, wrong]);
    expect(await attempt(email("dora"), PASSWORD, client, at(5))).toMatchObject({ code: "auth.slow_down", retryAfter: 25 });
    for (let i = 1; i <= 14; i++) expect(await attempt(email(`inconnu-${i}-${randomUUID().slice(0, 4)}`), "mauvais", client, at(30 * i))).toEqual(wrong);
    expect(await attempt(email("dora"), PASSWORD, client, at(425))).toMatchObject({ code: "auth.locked", retryAfter: 895 });
    expect(await attempt(email("dora"), PASSWORD, freshClient(), at(425))).toBe("ok");
  });

  it("parallel guesses cannot all pass: of 30 at once, 6 are checked (5 free, 1 slowed), the others refused", async () => {
    const target = email(`rafale-${randomUUID().slice(0, 6)}`);
    const answers = await Promise.all(Array.from({ length: 30 }, () => attempt(target, "mauvais", freshClient(), at(0))));
    expect(answers.filter((a) => typeof a === "object" && a.code === "auth.invalid_credentials")).toHaveLength(6);
    expect(answers.filter((a) => typeof a === "object" && a.code === "auth.slow_down")).toHaveLength(24);
  });

  it("audits failures and locks under the account (agent id, or the e-mail's hash) and the client, without the e-mail itself", async () => {
    const now = new Date("2026-12-03T10:00:00Z");
    const client = "203.0.113.7";
    const unknown = email(`audit-${randomUUID().slice(0, 6)}`);
    expect(await attempt(email("alice"), "mauvais", client, now)).toEqual(wrong);
    expect(await attempt(unknown, "mauvais", client, now)).toEqual(wrong);
    const aliceEvents = await Audit.listAccountEvents(`agent#${p}-alice`);
    expect(aliceEvents.filter((e) => e.at === now.toISOString())).toEqual([
      { at: now.toISOString(), action: "sign_in.failed", agentId: `${p}-alice`, emailHash: createHash("sha256").update(email("alice")).digest("hex"), client, until: undefined },
    ]);
    const hash = createHash("sha256").update(unknown).digest("hex");
    expect(await Audit.listAccountEvents(`email#${hash}`)).toEqual([{ at: now.toISOString(), action: "sign_in.failed", agentId: undefined, emailHash: hash, client, until: undefined }]);
    // the locks of the first test (alice's account) are recorded with their end
    expect((await Audit.listAccountEvents(`agent#${p}-alice`)).filter((e) => e.action === "sign_in.locked")).toEqual([
      expect.objectContaining({ at: at(420).toISOString(), until: at(420 + 900).toISOString() }),
    ]);
    expect(JSON.stringify(await Audit.listAccountEvents(`email#${hash}`))).not.toContain("@");
  });
});

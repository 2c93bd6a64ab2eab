import { afterEach, describe, expect, it } from "vitest";
import * as Email from "./index";
import { OutboxEmail } from "./outbox";
import { SesEmail } from "./ses";

afterEach(() => {
  delete process.env.RDV_EMAIL_ADAPTER;
  Email.use(undefined);
});

describe("the e-mail adapter chosen at start-up", () => {
  it("SES with RDV_EMAIL_ADAPTER=ses, the outbox otherwise", async () => {
    process.env.RDV_EMAIL_ADAPTER = "ses";
    expect(await Email.current()).toBeInstanceOf(SesEmail);
    Email.use(undefined);
    delete process.env.RDV_EMAIL_ADAPTER;
    expect(await Email.current()).toBeInstanceOf(OutboxEmail);
  });
});

import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { afterEach, describe, expect, it } from "vitest";
import { recordCommands } from "../testing/record-commands";
import { clientSecret, safeNext } from "./oidc";

const ARN = "arn:aws:secretsmanager:eu-west-3:123456789012:secret:rdv/ci/proconnect-client-secret-AbCdEf";

describe("the ProConnect client secret", () => {
  afterEach(() => {
    delete process.env.RDV_OIDC_CLIENT_SECRET;
    delete process.env.RDV_OIDC_CLIENT_SECRET_ARN;
  });

  it("is read once from Secrets Manager on AWS, then kept for the container", async () => {
    process.env.RDV_OIDC_CLIENT_SECRET_ARN = ARN;
    const client = new SecretsManagerClient({ region: "eu-west-3", credentials: { accessKeyId: "x", secretAccessKey: "x" } });
    const calls = recordCommands(client, () => ({ SecretString: "le-secret-du-client" }));
    expect(await clientSecret(client)).toBe("le-secret-du-client");
    expect(await clientSecret(client)).toBe("le-secret-du-client");
    expect(calls).toEqual([{ command: GetSecretValueCommand.name, input: { SecretId: ARN } }]);
  });

  it("is taken as is locally, and its absence is an error naming both variables", async () => {
    process.env.RDV_OIDC_CLIENT_SECRET = "secret-local";
    expect(await clientSecret()).toBe("secret-local");
    delete process.env.RDV_OIDC_CLIENT_SECRET;
    await expect(clientSecret()).rejects.toThrow("RDV_OIDC_CLIENT_SECRET or RDV_OIDC_CLIENT_SECRET_ARN must be set for ProConnect");
  });
});

describe("the page opened after a ProConnect sign-in", () => {
  it("is a back-office path, never another site nor the sign-in page", () => {
    expect(["/agent/statistiques", "/agent/rendez-vous/a-1?x=1"].map(safeNext)).toEqual(["/agent/statistiques", "/agent/rendez-vous/a-1?x=1"]);
    expect(["//evil.example/agent", "https://evil.example/agent", "/agent/connexion", "/agentx", "/agent/x\\..", "/agent\n", "/ailleurs", 42, undefined, `/agent/${"x".repeat(300)}`].map(safeNext)).toEqual(Array(10).fill("/agent"));
  });
});

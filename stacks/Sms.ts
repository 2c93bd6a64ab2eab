import { RemovalPolicy } from "aws-cdk-lib";
import { Secret } from "aws-cdk-lib/aws-secretsmanager";
import { EmailIdentity, Identity } from "aws-cdk-lib/aws-ses";
import type { StackContext } from "sst/constructs";
import { useStage } from "./settings";

/**
 * Messaging resources: the stage's manage-token secret (links in every SMS are derived from it)
 * and the SES identity agent invitations are sent from. SMS themselves need no resource: the
 * functions flagged `notify` get `sns:Publish` (see lambda.ts), nothing else does.
 *
 * Without a `domain` in the stage file there is no SES identity and no function may send
 * e-mail: invitations stay in the outbox (the e-mail port's local adapter).
 */
export function Sms({ stack, app }: StackContext) {
  const { settings } = useStage(app);

  const tokenSecret = new Secret(stack, "ManageTokenSecret", {
    secretName: `rdv/${app.stage}/manage-token-secret`,
    description: `RDV ${app.stage}: HMAC key of the usagers' manage links (rotating it revokes every link)`,
    generateSecretString: { passwordLength: 64, excludePunctuation: true, includeSpace: false },
    removalPolicy: settings.production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
  });
  // read by `npm run import --stage` (the manage links of imported appointments derive from it)
  stack.addOutputs({ ManageTokenSecretArn: tokenSecret.secretArn });

  let email: { identityArn: string; from: string } | undefined;
  if (settings.domain) {
    const identity = new EmailIdentity(stack, "InvitationSender", { identity: Identity.domain(settings.domain) });
    // the ARN as a plain string: the notify functions' policies name it without a cross-stack export
    const identityArn = `arn:aws:ses:${stack.region}:${stack.account}:identity/${settings.domain}`;
    email = { identityArn, from: `ne-pas-repondre@${settings.domain}` };
    // the stage commands (`npm run import --stage`, `npm run invite --stage`) send from it too
    stack.addOutputs({ EmailFrom: email.from });
    // DKIM: three CNAME records to publish in the domain's DNS before SES verifies it.
    identity.dkimRecords.forEach((record, index) => {
      stack.addOutputs({ [`DkimRecord${index + 1}`]: `${record.name} CNAME ${record.value}` });
    });
  } else {
    stack.addOutputs({ EmailSending: "disabled: no domain in the stage file (invitations stay in the outbox)" });
  }

  return { tokenSecret, email };
}

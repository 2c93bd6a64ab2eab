import { SchedulerClient, ConflictException, ResourceNotFoundException } from "@aws-sdk/client-scheduler";
import { SESv2Client } from "@aws-sdk/client-sesv2";
import { SNSClient } from "@aws-sdk/client-sns";
import { describe, expect, it } from "vitest";
import { SesEmail } from "../email/ses";
import { EventBridgeScheduler } from "../reminder/eventbridge";
import { scheduleName } from "../reminder";
import { SnsSms } from "../sms/sns";
import { recordCommands } from "../testing/record-commands";

const offline = { region: "eu-west-3", credentials: { accessKeyId: "x", secretAccessKey: "x" } };

describe("AWS adapters send exactly these commands", () => {
  it("SNS: Publish to the phone number, transactional, with the sender name", async () => {
    const client = new SNSClient(offline);
    const calls = recordCommands(client, () => ({ MessageId: "m-1" }));
    const result = await new SnsSms(client).send({ to: "+33612345678", text: "Rappel : RDV", senderName: "RDV62" });
    expect(result).toEqual({ messageId: "m-1" });
    expect(calls).toEqual([
      {
        command: "PublishCommand",
        input: {
          PhoneNumber: "+33612345678",
          Message: "Rappel : RDV",
          MessageAttributes: {
            "AWS.SNS.SMS.SMSType": { DataType: "String", StringValue: "Transactional" },
            "AWS.SNS.SMS.SenderID": { DataType: "String", StringValue: "RDV62" },
          },
        },
      },
    ]);
  });

  const config = {
    groupName: "rdv-pas-de-calais",
    targetArn: "arn:aws:lambda:eu-west-3:123456789012:function:reminder",
    roleArn: "arn:aws:iam::123456789012:role/scheduler",
    deadLetterArn: "arn:aws:sqs:eu-west-3:123456789012:reminders-dlq",
  };
  const expectedInput = {
    Name: "rdv-3f1c0a52-0000-4000-8000-000000000001",
    GroupName: "rdv-pas-de-calais",
    ScheduleExpression: "at(2026-03-29T10:00:00)", // wall clock in the département's timezone (after the DST change)
    ScheduleExpressionTimezone: "Europe/Paris",
    FlexibleTimeWindow: { Mode: "OFF" },
    ActionAfterCompletion: "DELETE",
    State: "ENABLED",
    Target: {
      Arn: config.targetArn,
      RoleArn: config.roleArn,
      Input: JSON.stringify({ appointmentId: "3f1c0a52-0000-4000-8000-000000000001", at: "2026-03-29T08:00:00.000Z" }),
      RetryPolicy: { MaximumRetryAttempts: 10, MaximumEventAgeInSeconds: 21600 },
      DeadLetterConfig: { Arn: config.deadLetterArn },
    },
  };
  const payload = { appointmentId: "3f1c0a52-0000-4000-8000-000000000001", at: "2026-03-29T08:00:00.000Z" };

  it("Scheduler: one at() schedule per appointment, deterministic name, group, timezone, deleted after completion", async () => {
    const client = new SchedulerClient(offline);
    const calls = recordCommands(client, () => ({ ScheduleArn: "arn" }));
    await new EventBridgeScheduler(config, client).upsert(payload, "Europe/Paris");
    expect(calls).toEqual([{ command: "CreateScheduleCommand", input: expectedInput }]);
  });

  it("Scheduler: an existing schedule is moved with UpdateSchedule", async () => {
    const client = new SchedulerClient(offline);
    const calls = recordCommands(client, (command) =>
      command === "CreateScheduleCommand" ? new ConflictException({ message: "exists", Message: "exists", $metadata: {} }) : { ScheduleArn: "arn" },
    );
    await new EventBridgeScheduler(config, client).upsert(payload, "Europe/Paris");
    expect(calls.map((c) => c.command)).toEqual(["CreateScheduleCommand", "UpdateScheduleCommand"]);
    expect(calls[1]!.input).toEqual(expectedInput);
  });

  it("Scheduler: delete by name in the group; a missing schedule is not an error", async () => {
    const client = new SchedulerClient(offline);
    const calls = recordCommands(client, () => new ResourceNotFoundException({ message: "gone", Message: "gone", $metadata: {} }));
    await new EventBridgeScheduler(config, client).remove("3f1c0a52-0000-4000-8000-000000000001");
    expect(calls).toEqual([{ command: "DeleteScheduleCommand", input: { Name: "rdv-3f1c0a52-0000-4000-8000-000000000001", GroupName: "rdv-pas-de-calais" } }]);
  });

  it("Scheduler: other errors are not swallowed", async () => {
    const client = new SchedulerClient(offline);
    recordCommands(client, () => Object.assign(new Error("throttled"), { name: "ThrottlingException" }));
    await expect(new EventBridgeScheduler(config, client).upsert(payload, "Europe/Paris")).rejects.toThrow("throttled");
  });

  it("schedule names stay within EventBridge's limits for any id", () => {
    expect(scheduleName("abc")).toBe("rdv-abc");
    const long = scheduleName("x".repeat(80));
    expect(long).toMatch(/^rdv-[0-9a-f]{40}$/);
    expect(scheduleName("a:b")).toMatch(/^rdv-[0-9a-f]{40}$/);
  });

  it("SES v2: SendEmail from the stage identity", async () => {
    const client = new SESv2Client(offline);
    const calls = recordCommands(client, () => ({ MessageId: "e-1" }));
    await new SesEmail("rdv@pas-de-calais.fr", client).send({ to: "agent@example.fr", subject: "Invitation", text: "Bonjour" });
    expect(calls).toEqual([
      {
        command: "SendEmailCommand",
        input: {
          FromEmailAddress: "rdv@pas-de-calais.fr",
          Destination: { ToAddresses: ["agent@example.fr"] },
          Content: { Simple: { Subject: { Data: "Invitation", Charset: "UTF-8" }, Body: { Text: { Data: "Bonjour", Charset: "UTF-8" } } } },
        },
      },
    ]);
  });

  it("SES v2: an usager's e-mail with its HTML version and the .ics attached (simple content: SES builds the MIME)", async () => {
    const client = new SESv2Client(offline);
    const calls = recordCommands(client, () => ({ MessageId: "e-2" }));
    const ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n";
    const result = await new SesEmail("ne-pas-repondre@rdv.pas-de-calais.fr", client).send({
      to: "chloe@example.fr",
      subject: "Rendez-vous confirmé le mardi 8 décembre 2026 à 9h30",
      text: "Bonjour Chloé,",
      html: "<p>Bonjour Chloé,</p>",
      attachments: [{ filename: "rendez-vous.ics", contentType: "text/calendar; charset=utf-8", content: ics }],
      appointmentId: "a-1",
    });
    expect(result).toEqual({ messageId: "e-2" });
    expect(calls).toEqual([
      {
        command: "SendEmailCommand",
        input: {
          FromEmailAddress: "ne-pas-repondre@rdv.pas-de-calais.fr",
          Destination: { ToAddresses: ["chloe@example.fr"] },
          Content: {
            Simple: {
              Subject: { Data: "Rendez-vous confirmé le mardi 8 décembre 2026 à 9h30", Charset: "UTF-8" },
              Body: { Text: { Data: "Bonjour Chloé,", Charset: "UTF-8" }, Html: { Data: "<p>Bonjour Chloé,</p>", Charset: "UTF-8" } },
              Attachments: [
                {
                  FileName: "rendez-vous.ics",
                  ContentType: "text/calendar; charset=utf-8",
                  ContentDisposition: "ATTACHMENT",
                  ContentTransferEncoding: "BASE64",
                  RawContent: new TextEncoder().encode(ics),
                },
              ],
            },
          },
        },
      },
    ]);
  });
});

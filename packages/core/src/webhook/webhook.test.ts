import { SQSClient } from "@aws-sdk/client-sqs";
import { describe, expect, it } from "vitest";
import { recordCommands } from "../testing/record-commands";
import { backoffMs } from "./delivery";
import { sign } from "./send";
import { SqsQueue } from "./sqs-queue";

describe("webhook signing, backoff and the SQS adapter", () => {
  it("signs as the Standard Webhooks specification's example says", () => {
    const headers = sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", new Date(1614265330 * 1000), '{"test": 2432232314}');
    expect(headers).toEqual({
      "webhook-id": "msg_p5jXN8AQM9LWM0D4loKWxJek",
      "webhook-timestamp": "1614265330",
      "webhook-signature": "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
    });
  });

  it("waits 30 s after the first failure, doubling, at most 4 hours", () => {
    expect([1, 2, 3, 4, 5, 9, 10, 11, 20].map((n) => backoffMs(n) / 1000)).toEqual([30, 60, 120, 240, 480, 7680, 14_400, 14_400, 14_400]);
  });

  it("SQS: one SendMessage to the stage's queue, the delay capped at SQS's 15 minutes", async () => {
    const client = new SQSClient({ region: "eu-west-3", credentials: { accessKeyId: "x", secretAccessKey: "x" } });
    const calls = recordCommands(client, () => ({ MessageId: "m-1" }));
    const queue = new SqsQueue("https://sqs.eu-west-3.amazonaws.com/123456789012/ci-rdv-webhooks", client);
    await queue.enqueue({ subscriptionId: "wh_1", deliveryId: "msg_1" }, 0);
    await queue.enqueue({ subscriptionId: "wh_1", deliveryId: "msg_1" }, 3600);
    await queue.enqueue({ subscriptionId: "wh_1", deliveryId: "msg_1" }, 29.2);
    const input = (DelaySeconds: number) => ({
      command: "SendMessageCommand",
      input: { QueueUrl: "https://sqs.eu-west-3.amazonaws.com/123456789012/ci-rdv-webhooks", MessageBody: '{"subscriptionId":"wh_1","deliveryId":"msg_1"}', DelaySeconds },
    });
    expect(calls).toEqual([input(0), input(900), input(30)]);
  });
});

import { Duration } from "aws-cdk-lib";
import { SqsEventSource } from "aws-cdk-lib/aws-lambda-event-sources";
import { Queue } from "aws-cdk-lib/aws-sqs";
import { dependsOn, Function, use, type StackContext } from "sst/constructs";
import { backgroundFunctions } from "@rdv/functions/routes";
import { productFunction } from "./lambda";
import { Migrations } from "./Migrations";
import { Reminders } from "./Reminders";
import { functionWiring, webhookQueue } from "./wiring";

/** Receipts of one message before SQS moves it to the dead-letter queue. */
export const WEBHOOK_MAX_RECEIVES = 5;

/**
 * Webhook deliveries on AWS: each delivery to attempt is an SQS message (delayed up to 15 minutes
 * for a retry), consumed by the `webhook-delivery` function one attempt at a time. A message
 * whose attempt keeps throwing lands in the dead-letter queue; the delivery item stays in the
 * table's work index, where the reconciler attempts it (docs/architecture.md, "Webhooks").
 */
export function Webhooks({ stack, app }: StackContext) {
  dependsOn(Migrations);
  const { wiring } = use(Reminders);
  const { queueName } = webhookQueue(app);
  const deadLetters = new Queue(stack, "WebhookDeadLetters", {
    queueName: `${app.stage}-rdv-webhook-dead-letters`,
    retentionPeriod: Duration.days(14),
    enforceSSL: true,
  });
  const queue = new Queue(stack, "WebhookDeliveries", {
    queueName,
    // longer than the function's timeout: a message being attempted is not handed out again
    visibilityTimeout: Duration.seconds(90),
    retentionPeriod: Duration.days(4),
    deadLetterQueue: { queue: deadLetters, maxReceiveCount: WEBHOOK_MAX_RECEIVES },
    enforceSSL: true,
  });
  const { webhookDelivery } = backgroundFunctions;
  const deliveryFunction = new Function(stack, "WebhookDelivery", {
    ...productFunction(webhookDelivery.handler, webhookDelivery, functionWiring(app, wiring)),
    timeout: "30 seconds",
  });
  deliveryFunction.addEventSource(new SqsEventSource(queue, { batchSize: 10, reportBatchItemFailures: true }));
  stack.addOutputs({ WebhookQueue: queue.queueUrl, WebhookDeadLetterQueue: deadLetters.queueUrl });
  return { queue, deadLetters, deliveryFunction };
}

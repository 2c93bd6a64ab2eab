import { Duration } from "aws-cdk-lib";
import { PolicyDocument, PolicyStatement, Role, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import { CfnScheduleGroup } from "aws-cdk-lib/aws-scheduler";
import { Queue } from "aws-cdk-lib/aws-sqs";
import { Cron, dependsOn, Function, type StackContext } from "sst/constructs";
import { backgroundFunctions } from "@rdv/functions/routes";
import { productFunction, type FunctionWiring } from "./lambda";
import { Migrations } from "./Migrations";
import { functionWiring } from "./wiring";

/**
 * Reminders on AWS: one EventBridge Scheduler `at()` schedule per appointment, in a schedule
 * group of the stage, invoking the reminder Lambda through a role only Scheduler can assume;
 * deliveries that still fail after Scheduler's retries land in a dead-letter queue. The
 * reconciler runs every 5 minutes and retries side effects that failed (guarantee 4).
 */
export function Reminders({ stack, app }: StackContext) {
  dependsOn(Migrations); // deployed once the data migrations ran (stacks/Migrations.ts)
  const groupName = `rdv-${app.stage}`;
  const group = new CfnScheduleGroup(stack, "ScheduleGroup", { name: groupName });

  const deadLetters = new Queue(stack, "ReminderDeadLetters", {
    queueName: `${app.stage}-rdv-reminder-dead-letters`,
    retentionPeriod: Duration.days(14),
    enforceSSL: true,
  });

  // Named, so its ARN is a plain string: the function's own environment and the role's policy
  // can both name it without a dependency cycle.
  const reminderFunctionName = `${app.stage}-rdv-reminder`;
  const reminderFunctionArn = `arn:aws:lambda:${stack.region}:${stack.account}:function:${reminderFunctionName}`;

  const schedulerRole = new Role(stack, "SchedulerRole", {
    description: `EventBridge Scheduler invokes the ${app.stage} reminder Lambda`,
    assumedBy: new ServicePrincipal("scheduler.amazonaws.com", {
      conditions: { StringEquals: { "aws:SourceAccount": stack.account } },
    }),
    inlinePolicies: {
      InvokeReminder: new PolicyDocument({
        statements: [
          new PolicyStatement({ actions: ["lambda:InvokeFunction"], resources: [reminderFunctionArn] }),
          // Scheduler writes undeliverable reminders to the DLQ with this same role.
          new PolicyStatement({ actions: ["sqs:SendMessage"], resources: [deadLetters.queueArn] }),
        ],
      }),
    },
  });

  const wiring: FunctionWiring["reminders"] = {
    groupName,
    schedulesArn: `arn:aws:scheduler:${stack.region}:${stack.account}:schedule/${groupName}/*`,
    reminderFunctionArn,
    schedulerRoleArn: schedulerRole.roleArn,
    deadLetterQueueArn: deadLetters.queueArn,
  };
  const functions = functionWiring(app, wiring);

  const { reminder, reconciler } = backgroundFunctions;
  const reminderFunction = new Function(stack, "Reminder", {
    ...productFunction(reminder.handler, reminder, functions),
    functionName: reminderFunctionName,
    timeout: "30 seconds",
  });
  reminderFunction.node.addDependency(group);

  const reconcilerCron = new Cron(stack, "Reconciler", {
    schedule: "rate(5 minutes)",
    job: { function: { ...productFunction(reconciler.handler, reconciler, functions), timeout: "1 minute" } },
  });

  stack.addOutputs({ ScheduleGroup: groupName, ReminderDeadLetterQueue: deadLetters.queueUrl });
  return { wiring, reminderFunction, reconcilerFunction: reconcilerCron.jobFunction, deadLetters };
}

import { Duration } from "aws-cdk-lib";
import { Alarm, ComparisonOperator, MathExpression, Metric, TreatMissingData, type IMetric } from "aws-cdk-lib/aws-cloudwatch";
import { SnsAction } from "aws-cdk-lib/aws-cloudwatch-actions";
import { Topic } from "aws-cdk-lib/aws-sns";
import { EmailSubscription } from "aws-cdk-lib/aws-sns-subscriptions";
import { use, type StackContext } from "sst/constructs";
import { ApiRoutes } from "./ApiRoutes";
import { Database } from "./Database";
import { Reminders } from "./Reminders";
import { SmsReports } from "./SmsReports";
import { useStage } from "./settings";

/**
 * Month-to-date SMS spend (USD) that raises the alarm. Set it below the account's SNS SMS
 * spend limit (raised with AWS Support; see docs/deploy.md) so someone hears before SMS stop.
 */
export const SMS_SPEND_ALARM_USD = 500;

/**
 * A handful of alarms to an SNS topic (optionally e-mailed to `alarmEmail`), whatever the number
 * of functions; CloudWatch bills each metric an alarm reads (docs/deploy.md), so each alarm reads
 * a metric that already sums what it watches, or adds up a few:
 *
 * - `ApiErrors`: any 5xx the HTTP API answered. A route function that throws, times out or
 *   crashes is a 5xx there, and so are the errors the middleware turns into a 500 or a 503
 *   (the database unreachable), which a function's own error count never sees. Which route
 *   failed is in the access log (`routeKey`, `status`).
 * - `BackgroundErrors`: errors of the reminder, reconciler and SMS delivery reports functions (no API in front).
 * - `LambdaThrottles`: throttled invocations in the account's region (throttling comes from the
 *   shared concurrency limit, not from one function).
 * - `ReminderDeadLetters`: a reminder Scheduler could not deliver.
 * - `DatabaseThrottles`: reads or writes the table throttled (the SDK's retries hide them until
 *   they become 503s).
 * - `SmsSpend`: the month's SMS spend.
 */
export function Alarms({ stack, app }: StackContext) {
  const { settings } = useStage(app);
  const { api } = use(ApiRoutes);
  const { table } = use(Database);
  const { reminderFunction, reconcilerFunction, deadLetters } = use(Reminders);
  const { reportsFunction } = use(SmsReports);

  const topic = new Topic(stack, "AlarmTopic", { topicName: `${app.stage}-rdv-alarms`, displayName: `RDV ${app.stage} alarms` });
  if (settings.alarmEmail) topic.addSubscription(new EmailSubscription(settings.alarmEmail));
  const action = new SnsAction(topic);

  const alarm = (id: string, description: string, metric: IMetric, threshold: number) => {
    const created = new Alarm(stack, id, {
      alarmName: `${app.stage}-rdv-${id}`,
      alarmDescription: description,
      metric,
      threshold,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    created.addAlarmAction(action);
    return created;
  };

  const period = Duration.minutes(5);
  alarm("ApiErrors", "The API answered 5xx: a route function failed, timed out or found the database unavailable (the access log names the route)", api.cdk.httpApi.metricServerError({ period, statistic: "Sum" }), 1);
  alarm(
    "BackgroundErrors",
    "Lambda errors of the reminder, reconciler or SMS delivery reports function",
    new MathExpression({
      expression: "reminder + reconciler + reports",
      usingMetrics: {
        reminder: reminderFunction.metricErrors({ period, statistic: "Sum" }),
        reconciler: reconcilerFunction.metricErrors({ period, statistic: "Sum" }),
        reports: reportsFunction.metricErrors({ period, statistic: "Sum" }),
      },
      label: "Background function errors",
      period,
    }),
    1,
  );
  alarm(
    "LambdaThrottles",
    "Lambda invocations throttled (region-wide: concurrency limit reached)",
    new Metric({ namespace: "AWS/Lambda", metricName: "Throttles", statistic: "Sum", period }),
    1,
  );
  alarm(
    "ReminderDeadLetters",
    "Reminders Scheduler could not deliver (dead-letter queue not empty)",
    deadLetters.metricApproximateNumberOfMessagesVisible({ period, statistic: "Maximum" }),
    1,
  );
  alarm(
    "DatabaseThrottles",
    "DynamoDB throttled reads or writes of the table",
    new MathExpression({
      expression: "reads + writes",
      usingMetrics: {
        reads: table.cdk.table.metric("ReadThrottleEvents", { period, statistic: "Sum" }),
        writes: table.cdk.table.metric("WriteThrottleEvents", { period, statistic: "Sum" }),
      },
      label: "Throttled requests",
      period,
    }),
    1,
  );
  alarm(
    "SmsSpend",
    `SMS month-to-date spend reached ${SMS_SPEND_ALARM_USD} USD`,
    new Metric({ namespace: "AWS/SNS", metricName: "SMSMonthToDateSpentUSD", statistic: "Maximum", period: Duration.hours(1) }),
    SMS_SPEND_ALARM_USD,
  );

  stack.addOutputs({ AlarmTopic: topic.topicArn });
  return { topic };
}

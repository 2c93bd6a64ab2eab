import { Duration } from "aws-cdk-lib";
import { Alarm, ComparisonOperator, Metric, TreatMissingData, type IMetric } from "aws-cdk-lib/aws-cloudwatch";
import { SnsAction } from "aws-cdk-lib/aws-cloudwatch-actions";
import { Topic } from "aws-cdk-lib/aws-sns";
import { EmailSubscription } from "aws-cdk-lib/aws-sns-subscriptions";
import { use, type Function, type StackContext } from "sst/constructs";
import { routeKey, routes } from "@rdv/functions/routes";
import { ApiRoutes } from "./ApiRoutes";
import { Reminders } from "./Reminders";
import { useStage } from "./settings";

/**
 * Month-to-date SMS spend (USD) that raises the alarm. Set it below the account's SNS SMS
 * spend limit (raised with AWS Support; see docs/deploy.md) so someone hears before SMS stop.
 */
export const SMS_SPEND_ALARM_USD = 500;

/**
 * Alarms to an SNS topic (optionally e-mailed to `alarmEmail`): errors of every product Lambda
 * (one alarm each, to know which), Lambda throttles in the account's region (throttling comes
 * from the shared concurrency limit, not from one function), any message in the reminders'
 * dead-letter queue, and SMS spend.
 */
export function Alarms({ stack, app }: StackContext) {
  const { settings } = useStage(app);
  const { api } = use(ApiRoutes);
  const { reminderFunction, reconcilerFunction, deadLetters } = use(Reminders);

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

  const functions: Array<[string, Function]> = [
    ["Reminder", reminderFunction],
    ["Reconciler", reconcilerFunction],
    ...routes
      .filter((route) => !route.localOnly)
      .map((route): [string, Function] => {
        const fn = api.getFunction(routeKey(route));
        if (!fn) throw new Error(`no function for route ${routeKey(route)}`);
        return [`${route.method}${route.path.replace(/[^A-Za-z0-9]+/g, "-")}`, fn];
      }),
  ];
  const period = Duration.minutes(5);
  for (const [name, fn] of functions) {
    alarm(`${name}-Errors`, `Lambda errors: ${name}`, fn.metricErrors({ period, statistic: "Sum" }), 1);
  }
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
    "SmsSpend",
    `SMS month-to-date spend reached ${SMS_SPEND_ALARM_USD} USD`,
    new Metric({ namespace: "AWS/SNS", metricName: "SMSMonthToDateSpentUSD", statistic: "Maximum", period: Duration.hours(1) }),
    SMS_SPEND_ALARM_USD,
  );

  stack.addOutputs({ AlarmTopic: topic.topicArn });
  return { topic };
}

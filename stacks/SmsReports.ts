import { RemovalPolicy } from "aws-cdk-lib";
import { PolicyDocument, PolicyStatement, Role, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import { FilterPattern, LogGroup, RetentionDays, SubscriptionFilter } from "aws-cdk-lib/aws-logs";
import { LambdaDestination } from "aws-cdk-lib/aws-logs-destinations";
import { AwsCustomResource, AwsCustomResourcePolicy, PhysicalResourceId } from "aws-cdk-lib/custom-resources";
import { dependsOn, Function, use, type StackContext } from "sst/constructs";
import { backgroundFunctions } from "@rdv/functions/routes";
import { productFunction } from "./lambda";
import { Migrations } from "./Migrations";
import { Reminders } from "./Reminders";
import { functionWiring } from "./wiring";

/** SNS writes SMS delivery logs to these two log groups of the account and region (its names, not ours). */
export function deliveryLogGroupNames(region: string, account: string): { success: string; failure: string } {
  const success = `sns/${region}/${account}/DirectPublishToPhoneNumber`;
  return { success, failure: `${success}/Failure` };
}

/**
 * SMS delivery reports (issue #14): SNS logs every SMS's delivery status to CloudWatch Logs
 * through a role it assumes; a subscription filter on each of the two log groups hands the lines
 * to a function that moves the receipt (found by the SNS message id) to delivered or failed.
 *
 * SNS's delivery logging is an account setting (`SetSMSAttributes`: `DeliveryStatusIAMRole`,
 * `DeliveryStatusSuccessSamplingRate`), which CloudFormation has no resource for: a custom
 * resource calls the API on each deploy, so a fresh account needs no manual step.
 *
 * The log groups are declared here (SNS would create them on its first log line, too late to
 * subscribe and with no retention). Their lines hold the destination number, which no other log
 * of the product does: they are kept one day, the function reads them within seconds.
 */
export function SmsReports({ stack, app }: StackContext) {
  dependsOn(Migrations); // its function reads the table: deployed once the data migrations ran
  const { wiring } = use(Reminders);
  const names = deliveryLogGroupNames(stack.region, stack.account);
  const logGroupArnPrefix = `arn:aws:logs:${stack.region}:${stack.account}:log-group:${names.success}`;

  const deliveryStatusRole = new Role(stack, "SmsDeliveryStatusRole", {
    description: `SNS writes SMS delivery status logs (${app.stage})`,
    assumedBy: new ServicePrincipal("sns.amazonaws.com", { conditions: { StringEquals: { "aws:SourceAccount": stack.account } } }),
    inlinePolicies: {
      WriteDeliveryLogs: new PolicyDocument({
        statements: [
          new PolicyStatement({
            actions: ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents", "logs:PutMetricFilter", "logs:PutRetentionPolicy"],
            // both groups (…/DirectPublishToPhoneNumber and …/Failure) and their streams
            resources: [logGroupArnPrefix, `${logGroupArnPrefix}:*`, `${logGroupArnPrefix}/Failure`, `${logGroupArnPrefix}/Failure:*`],
          }),
        ],
      }),
    },
  });

  const groups = [
    new LogGroup(stack, "SmsDeliveryLog", { logGroupName: names.success, retention: RetentionDays.ONE_DAY, removalPolicy: RemovalPolicy.DESTROY }),
    new LogGroup(stack, "SmsDeliveryFailureLog", { logGroupName: names.failure, retention: RetentionDays.ONE_DAY, removalPolicy: RemovalPolicy.DESTROY }),
  ];

  const { deliveryReports } = backgroundFunctions;
  const reportsFunction = new Function(stack, "DeliveryReports", {
    ...productFunction(deliveryReports.handler, deliveryReports, functionWiring(app, wiring)),
    timeout: "30 seconds",
  });
  const destination = new LambdaDestination(reportsFunction);
  groups.forEach((group, index) => {
    new SubscriptionFilter(stack, index === 0 ? "SmsDeliveryLogSubscription" : "SmsDeliveryFailureLogSubscription", {
      logGroup: group,
      destination,
      filterPattern: FilterPattern.allEvents(),
    });
  });

  const smsAttributes = {
    service: "SNS",
    action: "setSMSAttributes",
    parameters: { attributes: { DeliveryStatusIAMRole: deliveryStatusRole.roleArn, DeliveryStatusSuccessSamplingRate: "100" } },
    physicalResourceId: PhysicalResourceId.of(`rdv-${app.stage}-sms-delivery-status`),
  };
  new AwsCustomResource(stack, "SmsDeliveryStatusLogging", {
    onCreate: smsAttributes,
    onUpdate: smsAttributes,
    // nothing on delete: the account setting stays (it names a role that is gone, so logging stops)
    policy: AwsCustomResourcePolicy.fromStatements([
      new PolicyStatement({ actions: ["sns:SetSMSAttributes"], resources: ["*"] }),
      new PolicyStatement({ actions: ["iam:PassRole"], resources: [deliveryStatusRole.roleArn] }),
    ]),
    installLatestAwsSdk: false,
  });

  stack.addOutputs({ SmsDeliveryLogGroups: `${names.success}, ${names.failure}` });
  return { reportsFunction, deliveryStatusRole };
}

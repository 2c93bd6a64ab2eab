import {
  ConflictException,
  CreateScheduleCommand,
  DeleteScheduleCommand,
  ResourceNotFoundException,
  SchedulerClient,
  UpdateScheduleCommand,
  type CreateScheduleCommandInput,
} from "@aws-sdk/client-scheduler";
import { DateTime } from "luxon";
import { scheduleName, type ReminderPayload, type ReminderScheduler } from "./port";

export interface EventBridgeConfig {
  groupName: string;
  /** the reminder Lambda */
  targetArn: string;
  /** the role EventBridge Scheduler assumes to invoke it */
  roleArn: string;
  deadLetterArn?: string;
}

/** One `at()` schedule per appointment in the stage's group, in the département's timezone, deleted after it fires. */
export class EventBridgeScheduler implements ReminderScheduler {
  constructor(
    private readonly config: EventBridgeConfig,
    private readonly client: SchedulerClient = new SchedulerClient({}),
  ) {}

  static fromEnv(): EventBridgeScheduler {
    const need = (name: string) => {
      const value = process.env[name];
      if (!value) throw new Error(`${name} is not set`);
      return value;
    };
    return new EventBridgeScheduler({
      groupName: need("RDV_SCHEDULE_GROUP"),
      targetArn: need("RDV_REMINDER_FUNCTION_ARN"),
      roleArn: need("RDV_SCHEDULER_ROLE_ARN"),
      deadLetterArn: process.env.RDV_REMINDER_DLQ_ARN,
    });
  }

  input(payload: ReminderPayload, timezone: string): CreateScheduleCommandInput {
    const local = DateTime.fromISO(payload.at, { zone: "utc" }).setZone(timezone).toFormat("yyyy-MM-dd'T'HH:mm:ss");
    return {
      Name: scheduleName(payload.appointmentId),
      GroupName: this.config.groupName,
      ScheduleExpression: `at(${local})`,
      ScheduleExpressionTimezone: timezone,
      FlexibleTimeWindow: { Mode: "OFF" },
      ActionAfterCompletion: "DELETE",
      State: "ENABLED",
      Target: {
        Arn: this.config.targetArn,
        RoleArn: this.config.roleArn,
        Input: JSON.stringify(payload),
        RetryPolicy: { MaximumRetryAttempts: 10, MaximumEventAgeInSeconds: 6 * 3600 },
        ...(this.config.deadLetterArn ? { DeadLetterConfig: { Arn: this.config.deadLetterArn } } : {}),
      },
    };
  }

  async upsert(payload: ReminderPayload, timezone: string): Promise<void> {
    const input = this.input(payload, timezone);
    try {
      await this.client.send(new CreateScheduleCommand(input));
    } catch (error) {
      if (!(error instanceof ConflictException)) throw error;
      await this.client.send(new UpdateScheduleCommand(input)); // it exists: move it
    }
  }

  async remove(appointmentId: string): Promise<void> {
    try {
      await this.client.send(new DeleteScheduleCommand({ Name: scheduleName(appointmentId), GroupName: this.config.groupName }));
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) throw error;
    }
  }
}

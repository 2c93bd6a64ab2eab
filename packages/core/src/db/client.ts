import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { interceptWrite } from "./write-capture";

/**
 * One DynamoDB client per process. Locally `RDV_DYNAMODB_ENDPOINT` points at DynamoDB Local;
 * on AWS it is unset and the SDK uses the Lambda's region and role.
 */
export function tableName(): string {
  return process.env.RDV_TABLE ?? "rdv";
}

let requestCount = 0;

/** Number of DynamoDB requests this process has sent; tests and benchmarks read differences of it. */
export function dynamoRequestCount(): number {
  return requestCount;
}

export interface RecordedRequest {
  /** "GetItemCommand", "TransactWriteItemsCommand"… */
  command: string;
  /** as the document client takes it */
  input: Record<string, unknown>;
}

const recorders = new Set<RecordedRequest[]>();

/**
 * The DynamoDB commands this process sends while `fn` runs, in order (`commands`: their names),
 * for tests and the bench that list what an operation sends (the bench sends them again, bare,
 * as a reference). Commands of other work running at the same time are listed too.
 */
export async function recordDynamoCommands<T>(fn: () => Promise<T>): Promise<{ value: T; commands: string[]; requests: RecordedRequest[] }> {
  const requests: RecordedRequest[] = [];
  recorders.add(requests);
  try {
    const value = await fn();
    return { value, commands: requests.map((r) => r.command), requests };
  } finally {
    recorders.delete(requests);
  }
}

export { DatabaseUnavailableError, isDatabaseUnavailable, RETRY_AFTER_SECONDS } from "./unavailable";

/**
 * Timeouts of the HTTP handler, so that a database that cannot be reached fails a request in
 * seconds rather than holding a Lambda for its whole timeout (10 s): connecting takes
 * milliseconds when DynamoDB is up, and no request of the product takes near the request
 * timeout. Three attempts (the SDK's default) of the longest wait stay under the Lambda timeout.
 * DynamoDB Local is another matter: a hundred concurrent bookings in the tests wait seconds for
 * its accept queue, and it slows down while its JVM warms up. Its limits only stop a hung
 * emulator from holding a request forever; a dead one refuses the connection at once anyway.
 */
export const TIMEOUTS = {
  aws: { connectionTimeout: 1_000, requestTimeout: 2_500 },
  local: { connectionTimeout: 10_000, requestTimeout: 60_000 },
} as const;

/** The request handler's timeouts; `RDV_DYNAMODB_REQUEST_TIMEOUT_MS` overrides the request timeout (tests of a database that does not answer). */
export function timeouts(local: boolean): { connectionTimeout: number; requestTimeout: number; throwOnRequestTimeout: true } {
  const base = local ? TIMEOUTS.local : TIMEOUTS.aws;
  const override = Number(process.env.RDV_DYNAMODB_REQUEST_TIMEOUT_MS);
  // without throwOnRequestTimeout, the handler only logs a warning when the request timeout passes
  return { ...base, ...(Number.isInteger(override) && override > 0 ? { requestTimeout: override } : {}), throwOnRequestTimeout: true };
}

function createClient(): DynamoDBClient {
  const endpoint = process.env.RDV_DYNAMODB_ENDPOINT;
  const client = new DynamoDBClient(
    endpoint
      ? {
          endpoint,
          region: process.env.AWS_REGION ?? "eu-west-3",
          credentials: { accessKeyId: "local", secretAccessKey: "local" },
          maxAttempts: 3,
          requestHandler: timeouts(true),
        }
      : { maxAttempts: 3, requestHandler: timeouts(false) },
  );
  // The SDK's logger middleware filters every response for its log line even when nothing logs
  // (a no-op logger still has `info`): a third of this client's CPU time on slot searches. We
  // never log SDK traffic (guarantee 7 in docs/architecture.md: logs carry ids and error names only), so it goes.
  client.middlewareStack.remove("loggerMiddleware");
  client.middlewareStack.add(
    (next, context) => async (args) => {
      requestCount += 1;
      for (const recorder of recorders) recorder.push({ command: context.commandName ?? "unknown", input: structuredClone(args.input) as Record<string, unknown> });
      return next(args);
    },
    { step: "initialize", name: "rdvRequestCounter" },
  );
  // dry runs keep their writes instead of sending them (write-capture.ts); reads go through
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const answer = interceptWrite(context.commandName, args.input as Record<string, unknown>);
      if (!answer) return next(args);
      return { output: { $metadata: {}, ...answer }, response: {} } as Awaited<ReturnType<typeof next>>;
    },
    { step: "initialize", name: "rdvDryRun", priority: "high" },
  );
  return client;
}

let documentClient: DynamoDBDocumentClient | undefined;

export function docClient(): DynamoDBDocumentClient {
  documentClient ??= DynamoDBDocumentClient.from(createClient(), {
    marshallOptions: { removeUndefinedValues: true },
  });
  return documentClient;
}

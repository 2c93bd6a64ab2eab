import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

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

function createClient(): DynamoDBClient {
  const endpoint = process.env.RDV_DYNAMODB_ENDPOINT;
  const client = new DynamoDBClient(
    endpoint
      ? {
          endpoint,
          region: process.env.AWS_REGION ?? "eu-west-3",
          credentials: { accessKeyId: "local", secretAccessKey: "local" },
          maxAttempts: 3,
        }
      : {},
  );
  // The SDK's logger middleware filters every response for its log line even when nothing logs
  // (a no-op logger still has `info`): a third of this client's CPU time on slot searches. We
  // never log SDK traffic (DESIGN: logs carry ids and error names only), so it goes.
  client.middlewareStack.remove("loggerMiddleware");
  client.middlewareStack.add(
    (next) => async (args) => {
      requestCount += 1;
      return next(args);
    },
    { step: "initialize", name: "rdvRequestCounter" },
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

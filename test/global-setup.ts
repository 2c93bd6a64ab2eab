import type { TestProject } from "vitest/node";
import { startDynamoDbLocal } from "../packages/local/src/dynamodb-local";

/** One DynamoDB Local (in memory) for this test run; each test file makes its own table in it. */
export default async function setup(project: TestProject) {
  const db = await startDynamoDbLocal();
  project.provide("dynamodbEndpoint", db.endpoint);
  return async () => {
    await db.stop();
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    dynamodbEndpoint: string;
  }
}

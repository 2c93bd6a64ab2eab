// Test helper: starts DynamoDB Local, prints its port, then waits to be killed.
import { startDynamoDbLocal } from "../dynamodb-local";

const db = await startDynamoDbLocal();
process.stdout.write(`${db.port}\n`);
setInterval(() => undefined, 60_000);

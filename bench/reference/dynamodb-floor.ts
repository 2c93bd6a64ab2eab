// The bench's floor: a handler that only imports the DynamoDB client (and its document client, as
// core's db/client does), bundled like the product functions. No product function can load faster
// than this; their load is quoted as a ratio to it.
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, GetCommand } from "@aws-sdk/lib-dynamodb";

let client: DynamoDBDocumentClient | undefined;

export const handler = async (event: { id?: string }) => {
  client ??= DynamoDBDocumentClient.from(new DynamoDBClient({}));
  const { Item } = await client.send(new GetCommand({ TableName: process.env.RDV_TABLE, Key: { pk: event.id, sk: event.id } }));
  return { statusCode: Item ? 200 : 404, body: JSON.stringify(Item ?? null) };
};

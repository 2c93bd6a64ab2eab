import type { APIGatewayProxyEventV2, Context } from "aws-lambda";
import type { Handler } from "../middleware";

export interface InvokeOptions {
  method?: string;
  path?: string;
  query?: Record<string, string>;
  params?: Record<string, string>;
  headers?: Record<string, string>;
  /** sent as is when a string (malformed JSON), else JSON-encoded with a JSON content type */
  body?: unknown;
  cookies?: string[];
  /** the connection's source address (127.0.0.1 by default) */
  sourceIp?: string;
}

/** Calls a handler in-process with the API Gateway (payload v2) event the HTTP API would send. */
export async function invoke(handler: Handler, options: InvokeOptions = {}) {
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === "string" ? options.body : JSON.stringify(options.body);
    headers["content-type"] ??= "application/json";
  }
  const method = options.method ?? "GET";
  const event = {
    version: "2.0",
    routeKey: `${method} ${options.path ?? "/"}`,
    rawPath: options.path ?? "/",
    rawQueryString: new URLSearchParams(options.query ?? {}).toString(),
    headers,
    queryStringParameters: options.query,
    pathParameters: options.params,
    body,
    isBase64Encoded: false,
    cookies: options.cookies,
    requestContext: { http: { method, path: options.path ?? "/", protocol: "HTTP/1.1", sourceIp: options.sourceIp ?? "127.0.0.1", userAgent: "test" } },
  } as unknown as APIGatewayProxyEventV2;
  const result = await handler(event, {} as Context);
  const raw = result.isBase64Encoded ? Buffer.from(result.body ?? "", "base64") : undefined;
  return {
    status: result.statusCode ?? 200,
    body: raw ? null : result.body ? (JSON.parse(result.body) as unknown) : null,
    raw,
    headers: (result.headers ?? {}) as Record<string, string>,
    cookies: result.cookies ?? [],
  };
}

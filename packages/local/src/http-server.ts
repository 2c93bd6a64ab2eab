import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from "aws-lambda";
import { errorBody } from "@rdv/functions/middleware";
import { routes, type RouteDefinition } from "@rdv/functions/routes";
import { repoRoot } from "./repo-root";

const MAX_BODY_BYTES = 1024 * 1024;

type LambdaHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

interface CompiledRoute {
  route: RouteDefinition;
  pattern: RegExp;
  params: string[];
}

function compile(route: RouteDefinition): CompiledRoute {
  const params: string[] = [];
  const source = route.path
    .split("/")
    .map((segment) => {
      const param = /^\{(\w+)(\+?)\}$/.exec(segment);
      if (!param) return segment.replace(/[.*+?^$()|[\]\\]/g, "\\$&");
      params.push(param[1]!);
      return param[2] ? "(.+)" : "([^/]+)"; // {name+}: the rest of the path, as API Gateway's greedy variable
    })
    .join("/");
  return { route, pattern: new RegExp(`^${source}$`), params };
}

const handlers = new Map<string, Promise<LambdaHandler>>();

/** Loads `packages/functions/src/x.handler` the way SST resolves it: module path + export name. */
function loadHandler(spec: string): Promise<LambdaHandler> {
  let loaded = handlers.get(spec);
  if (!loaded) {
    const dot = spec.lastIndexOf(".");
    const file = join(repoRoot(), `${spec.slice(0, dot)}.ts`);
    const exportName = spec.slice(dot + 1);
    loaded = import(pathToFileURL(file).href).then((module: Record<string, unknown>) => {
      const fn = module[exportName];
      if (typeof fn !== "function") throw new Error(`${spec}: no exported function "${exportName}"`);
      return fn as LambdaHandler;
    });
    handlers.set(spec, loaded);
  }
  return loaded;
}

function lambdaContext(requestId: string): Context {
  return {
    awsRequestId: requestId,
    callbackWaitsForEmptyEventLoop: false,
    functionName: "rdv-local",
    functionVersion: "$LATEST",
    invokedFunctionArn: "arn:aws:lambda:eu-west-3:000000000000:function:rdv-local",
    logGroupName: "/aws/lambda/rdv-local",
    logStreamName: "local",
    memoryLimitInMB: "1024",
    getRemainingTimeInMillis: () => 30_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** Builds the API Gateway HTTP API (payload v2) event API Gateway would send for this request. */
export function toEvent(
  req: IncomingMessage,
  url: URL,
  body: Buffer,
  match: CompiledRoute,
  values: string[],
  requestId: string,
): APIGatewayProxyEventV2 {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || name === "cookie") continue;
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(",") : value;
  }
  const query: Record<string, string> = {};
  for (const [key, value] of url.searchParams) query[key] = key in query ? `${query[key]},${value}` : value;
  const pathParameters = Object.fromEntries(match.params.map((name, i) => [name, decodeURIComponent(values[i] ?? "")]));
  const cookies = req.headers.cookie?.split(/;\s*/).filter(Boolean);
  const now = new Date();
  const routeKey = `${match.route.method} ${match.route.path}`;
  const isText = body.length === 0 || /json|text|x-www-form-urlencoded/.test(headers["content-type"] ?? "");
  return {
    version: "2.0",
    routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    cookies,
    headers,
    queryStringParameters: Object.keys(query).length > 0 ? query : undefined,
    pathParameters: match.params.length > 0 ? pathParameters : undefined,
    requestContext: {
      accountId: "000000000000",
      apiId: "local",
      domainName: req.headers.host ?? url.host,
      domainPrefix: "local",
      http: {
        method: req.method ?? "GET",
        path: url.pathname,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp: req.socket.remoteAddress ?? "127.0.0.1",
        userAgent: headers["user-agent"] ?? "",
      },
      requestId,
      routeKey,
      stage: "$default",
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    body: body.length > 0 ? (isText ? body.toString("utf8") : body.toString("base64")) : undefined,
    isBase64Encoded: body.length > 0 && !isText,
  };
}

function parseTarget(target: string | undefined): URL | undefined {
  try {
    return new URL(target ?? "/", "http://localhost");
  } catch (error) {
    if (error instanceof TypeError) return undefined; // ERR_INVALID_URL
    throw error;
  }
}

/** Path parameters whose percent-encoding does not decode (`%E0%A4%A`), by name: API Gateway answers 400 to them. */
export function malformedPathParameters(match: CompiledRoute, values: string[]): string[] {
  return match.params.filter((_, i) => {
    try {
      decodeURIComponent(values[i] ?? "");
      return false;
    } catch (error) {
      if (error instanceof URIError) return true;
      throw error;
    }
  });
}

function send(res: ServerResponse, result: APIGatewayProxyStructuredResultV2, cors: Record<string, string>): void {
  const headers: Record<string, string | string[]> = { ...cors };
  for (const [name, value] of Object.entries(result.headers ?? {})) headers[name] = String(value);
  if (result.cookies?.length) headers["set-cookie"] = result.cookies;
  res.writeHead(result.statusCode ?? 200, headers);
  const body = result.body ?? "";
  res.end(result.isBase64Encoded ? Buffer.from(body, "base64") : body);
}

function jsonResult(statusCode: number, body: unknown): APIGatewayProxyStructuredResultV2 {
  return { statusCode, headers: { "content-type": "application/json; charset=utf-8" }, body: JSON.stringify(body) };
}

/**
 * The interface the local stack listens on: loopback unless `RDV_LISTEN_HOST` says otherwise
 * (`0.0.0.0` to reach it from another machine). Messages in the outbox carry manage links, and
 * the demo agents share one password: the local stack is not opened to the network by default.
 */
export function listenHost(): string {
  return process.env.RDV_LISTEN_HOST?.trim() || "127.0.0.1";
}

export interface LocalApiOptions {
  port: number;
  /** default: listenHost() */
  host?: string;
  /** origin allowed by CORS (the local site) */
  allowedOrigin?: string;
}

/** The local API: every route of the route table, local-only ones included, through the real handlers. */
export async function startLocalApi(options: LocalApiOptions): Promise<{ server: Server; url: string; close(): Promise<void> }> {
  const compiled = routes.map(compile);
  const server = createServer((req, res) => {
    const requestId = randomUUID();
    const cors: Record<string, string> = options.allowedOrigin
      ? {
          "access-control-allow-origin": options.allowedOrigin,
          "access-control-allow-credentials": "true",
          "access-control-allow-headers": "content-type, idempotency-key, x-csrf-token",
          "access-control-allow-methods": "GET, POST, PUT, PATCH, DELETE, OPTIONS",
          vary: "origin",
        }
      : {};
    // a fixed base: a Host header that is not a valid host must not throw here (outside any catch)
    const url = parseTarget(req.url);
    if (!url) {
      req.resume();
      return send(res, jsonResult(400, errorBody("request.invalid", "L'adresse demandée est mal formée.")), cors);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on("end", () => {
      void (async () => {
        if (req.method === "OPTIONS") return send(res, { statusCode: 204 }, cors);
        if (tooLarge) {
          return send(res, jsonResult(413, errorBody("request.too_large", "La requête est trop volumineuse.")), cors);
        }
        const candidates = compiled
          .map((entry) => ({ entry, values: url.pathname.match(entry.pattern)?.slice(1) }))
          .filter((c) => c.values);
        const found = candidates.find((c) => c.entry.route.method === req.method || c.entry.route.method === "ANY");
        if (!found) {
          const status = candidates.length > 0 ? 405 : 404;
          const message = status === 404 ? "Cette adresse n'existe pas." : "Méthode non autorisée pour cette adresse.";
          return send(res, jsonResult(status, errorBody(status === 404 ? "route.not_found" : "route.method_not_allowed", message)), cors);
        }
        const malformed = malformedPathParameters(found.entry, found.values ?? []);
        if (malformed.length > 0) {
          const fields = Object.fromEntries(malformed.map((name) => [name, "encodage d'URL invalide"]));
          return send(res, jsonResult(400, errorBody("request.invalid", "L'adresse demandée est mal formée.", fields)), cors);
        }
        try {
          const handler = await loadHandler(found.entry.route.handler);
          const event = toEvent(req, url, Buffer.concat(chunks), found.entry, found.values ?? [], requestId);
          send(res, await handler(event, lambdaContext(requestId)), cors);
        } catch (error) {
          console.error(JSON.stringify({ level: "error", msg: "handler crashed", route: found.entry.route.path, name: (error as Error).name, stack: (error as Error).stack }));
          send(res, jsonResult(500, errorBody("internal", "Une erreur inattendue est survenue.")), cors);
        }
      })();
    });
  });
  const host = options.host ?? listenHost();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  const reachable = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host.includes(":") ? `[${host}]` : host;
  return {
    server,
    url: `http://${reachable}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

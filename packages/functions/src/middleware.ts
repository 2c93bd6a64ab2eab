import middy from "@middy/core";
import httpHeaderNormalizer from "@middy/http-header-normalizer";
import httpJsonBodyParser from "@middy/http-json-body-parser";
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from "aws-lambda";
import type { z } from "zod";
import { DatabaseUnavailableError, isDatabaseUnavailable } from "@rdv/core/db/client";
import { DomainError, ValidationError, type ErrorKind } from "@rdv/core/error";
import * as ManageToken from "@rdv/core/manage-token";
import { Id, InvitationToken } from "@rdv/core/schema";
import { validate } from "@rdv/core/validate";
import { prepare } from "./runtime";

/** The one place where domain error kinds become HTTP statuses. */
const STATUS: Record<ErrorKind, number> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unprocessable: 422,
  rate_limited: 429,
  unavailable: 503,
};

export interface HttpRequest {
  event: APIGatewayProxyEventV2;
  body: unknown;
  query: Record<string, string | undefined>;
  params: Record<string, string | undefined>;
  headers: Record<string, string | undefined>;
}

export interface HttpResponse {
  statusCode?: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Set-Cookie values */
  cookies?: string[];
  /** a file instead of JSON (exports) */
  file?: { body: Buffer; contentType: string; filename: string };
}

export type Handler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

const JSON_HEADERS = { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" };

export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): APIGatewayProxyStructuredResultV2 {
  return { statusCode, headers: { ...JSON_HEADERS, ...headers }, body: JSON.stringify(body) };
}

export function errorBody(code: string, message: string, fields?: Record<string, string>) {
  return { error: fields && Object.keys(fields).length > 0 ? { code, message, fields } : { code, message } };
}

/** Validates a value with a domain schema, turning zod issues into a 400 naming each field (core's one boundary). */
export const parse = <S extends z.ZodType>(schema: S, value: unknown, prefix?: string): z.output<S> => validate(schema, value, { prefix });

/**
 * Every path parameter of the route table, checked before the handler runs (so before any
 * DynamoDB call: a key over 2,048 bytes is a 500 there): malformed is a 400 naming the parameter,
 * well-formed but unknown is the handler's 404. A parameter missing here gets the `Id` rule.
 */
export const PATH_PARAMETERS: Record<string, z.ZodType> = {
  id: Id,
  ruleId: Id,
  appointmentId: Id,
  agentId: Id,
  invitationId: Id,
  deliveryId: Id,
  externalId: Id,
  manageToken: ManageToken.Token,
  offerToken: ManageToken.Token,
  invitationToken: ManageToken.Token,
  token: InvitationToken,
};
/** greedy catch-all parameters ({proxy+}): never read by a handler */
const UNCHECKED_PARAMETERS = new Set(["proxy"]);

export function checkPathParameters(params: Record<string, string | undefined>): void {
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(params)) {
    if (UNCHECKED_PARAMETERS.has(name)) continue;
    const result = (PATH_PARAMETERS[name] ?? Id).safeParse(value);
    if (!result.success) fields[name] = result.error.issues[0]?.message ?? "invalide";
  }
  if (Object.keys(fields).length > 0) throw new ValidationError(fields);
}

/** Names (or codes) along an error's cause chain, for a log line that says what failed without any data. */
function causes(error: unknown): string[] {
  const out: string[] = [];
  for (let e = error as { name?: unknown; code?: unknown; cause?: unknown } | undefined; e && out.length < 5; e = e.cause as typeof e) {
    out.push(String(typeof e.code === "string" ? e.code : e.name));
  }
  return out;
}

/**
 * Maps any error to the JSON error shape of the README (API); an unreachable database is a 503
 * `service.unavailable` with Retry-After; unknown errors are logged (no personal data) and become 500.
 */
export function toErrorResponse(raw: unknown): APIGatewayProxyStructuredResultV2 {
  // the database unreachable, timing out or throttling after the SDK's retries: retryable, a 503
  const unavailable = isDatabaseUnavailable(raw);
  if (unavailable) console.warn(JSON.stringify({ level: "warn", msg: "database unavailable", causes: causes(raw) }));
  const error = unavailable ? new DatabaseUnavailableError() : raw;
  if (error instanceof DomainError) {
    const retry = error.retryAfterSeconds !== undefined ? { "retry-after": String(Math.max(1, Math.ceil(error.retryAfterSeconds))) } : undefined;
    return json(STATUS[error.kind], errorBody(error.code, error.message, error.fields), retry);
  }
  const status = (error as { statusCode?: number }).statusCode;
  if (typeof status === "number" && status >= 400 && status < 500) {
    // middy's body parser: malformed JSON (422 in middy 7) and unsupported content types
    if (status === 422 || status === 400) {
      return json(400, errorBody("request.malformed_json", "Le corps de la requête n'est pas un JSON valide.", { body: "JSON invalide" }));
    }
    if (status === 415) {
      return json(415, errorBody("request.unsupported_media_type", "Le corps de la requête doit être en JSON (application/json)."));
    }
    return json(status, errorBody("request.error", "La requête n'a pas pu être traitée."));
  }
  console.error(JSON.stringify({ level: "error", msg: "unhandled error", name: (error as Error)?.name, stack: (error as Error)?.stack }));
  return json(500, errorBody("internal", "Une erreur inattendue est survenue. Merci de réessayer plus tard."));
}

/** The middy chain applied to every route: headers normalised, JSON body parsed, errors mapped. */
export function route(
  fn: (request: HttpRequest) => Promise<HttpResponse>,
  options: { before?: (event: APIGatewayProxyEventV2) => Promise<void> } = {},
): Handler {
  const base = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
    await prepare();
    checkPathParameters(event.pathParameters ?? {});
    const response = await fn({
      event,
      body: (event as { body?: unknown }).body,
      query: event.queryStringParameters ?? {},
      params: event.pathParameters ?? {},
      headers: event.headers ?? {},
    });
    if (response.file) {
      return {
        statusCode: response.statusCode ?? 200,
        headers: {
          "content-type": response.file.contentType,
          "content-disposition": `attachment; filename="${response.file.filename}"`,
          "cache-control": "no-store",
        },
        body: response.file.body.toString("base64"),
        isBase64Encoded: true,
      };
    }
    return { ...json(response.statusCode ?? 200, response.body ?? null, response.headers), ...(response.cookies ? { cookies: response.cookies } : {}) };
  };
  const before = options.before;
  const chain = middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>();
  // runs first, before the body is even parsed (agent routes: the session, 401 otherwise)
  if (before) chain.use({ before: async (request) => before(request.event) });
  return chain
    .use(httpHeaderNormalizer())
    .use(httpJsonBodyParser({ disableContentTypeError: true }))
    .use({
      onError: (request) => {
        request.response = toErrorResponse(request.error);
      },
    })
    .handler(base) as unknown as Handler;
}

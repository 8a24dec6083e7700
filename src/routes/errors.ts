/**
 * The one error shape of the HTTP API: `{error: {code, message, issues?}}`. Bad input is a 400
 * with zod's issue paths, never a 500; unexpected failures are a 500 without internals.
 */
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { ZodError } from "zod";

export type ErrorCode =
  | "invalid_request"
  | "unauthorized"
  | "not_found"
  | "conflict"
  | "misconfigured"
  | "internal";

const statusOf: Record<ErrorCode, ContentfulStatusCode> = {
  invalid_request: 400,
  unauthorized: 401,
  not_found: 404,
  conflict: 409,
  misconfigured: 500,
  internal: 500,
};

export interface ApiIssue {
  path: string;
  message: string;
}

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly issues?: ApiIssue[];
  constructor(code: ErrorCode, message: string, issues?: ApiIssue[]) {
    super(message);
    this.code = code;
    this.issues = issues;
  }
  get status(): ContentfulStatusCode {
    return statusOf[this.code];
  }
}

export function zodIssues(error: ZodError, prefix = ""): ApiIssue[] {
  return error.issues.map((i) => ({
    path: [prefix, ...i.path.map(String)].filter(Boolean).join("."),
    message: i.message,
  }));
}

export function errorResponse(c: Context, error: ApiError): Response {
  const body: { error: { code: ErrorCode; message: string; issues?: ApiIssue[] } } = {
    error: { code: error.code, message: error.message },
  };
  if (error.issues) body.error.issues = error.issues;
  return c.json(body, error.status);
}

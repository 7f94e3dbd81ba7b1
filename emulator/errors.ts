import type { z } from "zod";
import type { ErrorBody } from "../provider/model/api";

export interface FieldIssue {
  field: string;
  issue: string;
}

/** An error the API answers with: its status, a stable code, a message, and per-field details. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: FieldIssue[],
  ) {
    super(message);
  }

  toBody(): ErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) } };
  }
}

export const notFound = (what: string) => new ApiError(404, "not_found", `${what} was not found`);
export const conflict = (code: string, message: string) => new ApiError(409, code, message);
export const unprocessable = (code: string, message: string, field?: string) =>
  new ApiError(422, code, message, field ? [{ field, issue: message }] : undefined);
export const forbidden = (message: string) => new ApiError(403, "forbidden", message);

/**
 * Looks up an object a request body refers to: one the caller cannot see is a fault in the body
 * (422 naming the field), not a missing URL (404).
 */
export function referenced<T>(field: string, code: string, id: string, lookup: () => T): T {
  try {
    return lookup();
  } catch (error) {
    if (error instanceof ApiError && error.status === 404)
      throw unprocessable(code, `No ${field.replace(/_id$/, "")} ${id}`, field);
    throw error;
  }
}

/** One detail per offending field, unknown keys included, so a caller can fix everything at once. */
export function validationError(where: string, error: z.ZodError): ApiError {
  const details: FieldIssue[] = [];
  for (const issue of error.issues) {
    const path = issue.path.map(String).join(".");
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys)
        details.push({ field: path ? `${path}.${key}` : key, issue: "is not a known field" });
    } else if (issue.code === "invalid_union" || issue.code === "invalid_type") {
      details.push({ field: path || where, issue: issue.input === undefined ? "is required" : issue.message });
    } else {
      details.push({ field: path || where, issue: issue.message });
    }
  }
  const fields = details.map((d) => d.field).join(", ");
  return new ApiError(422, "validation_failed", `The ${where} has invalid fields: ${fields}`, details);
}

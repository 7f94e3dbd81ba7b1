import type { ErrorBody } from "../model/api";

type Detail = NonNullable<ErrorBody["error"]["details"]>[number];

/** The API refused a request: which call, the HTTP status, the API's code, and every field it named. */
export class ApiRequestError extends Error {
  readonly code: string;
  readonly details: Detail[];
  /** The API's own explanation. */
  readonly apiMessage: string;

  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    body: ErrorBody | undefined,
  ) {
    const code = body?.error.code ?? `http_${status}`;
    const details = body?.error.details ?? [];
    const fields = details.map((d) => `${d.field}: ${d.issue}`).join("; ");
    super(
      `${method} ${path} failed with ${status} ${code}: ${body?.error.message ?? "no error body"}${fields ? ` (${fields})` : ""}`,
    );
    this.name = "ApiRequestError";
    this.code = code;
    this.details = details;
    this.apiMessage = body?.error.message ?? "no error body";
  }
}

/** A call its operation's route refuses: a mistake of the caller's, so nothing was sent. */
export class RequestSchemaError extends Error {
  constructor(operationId: string, problem: string) {
    super(`${operationId} was not sent: ${problem}`);
    this.name = "RequestSchemaError";
  }
}

/** The request never got an HTTP answer we could use, even after retries. */
export class ApiUnavailableError extends Error {
  constructor(method: string, path: string, reason: string) {
    super(`${method} ${path} failed: ${reason}`);
    this.name = "ApiUnavailableError";
  }
}

/** The API answered with a body outside its contract. */
export class ApiContractError extends Error {
  constructor(method: string, path: string, problem: string) {
    super(`${method} ${path} answered outside the API contract: ${problem}`);
    this.name = "ApiContractError";
  }
}

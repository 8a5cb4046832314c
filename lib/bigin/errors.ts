/**
 * The one error type of the Bigin client. Every failure of a Bigin call — an error envelope,
 * an HTTP-200 body with `status:"error"`, a failed per-record result, a timeout, a network
 * error, an unparseable answer — becomes a BiginError. Route handlers map it to HTTP statuses
 * (lib/api/errors.ts); server components may catch it too.
 *
 * Envelope: https://www.bigin.com/developer/docs/apis/v2/status-codes.html
 */
export type BiginErrorInit = {
  /** HTTP status Bigin answered with (0 for timeouts and network errors). */
  status: number;
  /** Bigin's code (INVALID_TOKEN, INVALID_DATA…) or ours: TIMEOUT, NETWORK_ERROR, BAD_RESPONSE, NOT_FOUND. */
  code: string;
  message: string;
  details?: Record<string, unknown>;
  /** Field API name → message, for per-field errors (MANDATORY_NOT_FOUND, INVALID_DATA, DUPLICATE_DATA). */
  fields?: Record<string, string>;
  /** Seconds, when Bigin (or the sandbox) sent a Retry-After header. */
  retryAfter?: number | null;
};

export class BiginError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: Record<string, unknown>;
  readonly fields?: Record<string, string>;
  readonly retryAfter: number | null;

  constructor(init: BiginErrorInit) {
    super(init.message);
    this.name = "BiginError";
    this.status = init.status;
    this.code = init.code;
    this.details = init.details ?? {};
    this.fields = init.fields;
    this.retryAfter = init.retryAfter ?? null;
  }

  get isTimeout() {
    return this.code === "TIMEOUT";
  }
  get isNetwork() {
    return this.code === "NETWORK_ERROR";
  }
  /** Worth retrying for an idempotent call: Bigin overloaded, failing or unreachable. */
  get isTransient() {
    if (this.code === "BAD_RESPONSE") return false;
    return this.status >= 500 || this.status === 429 || this.code === "TOO_MANY_REQUESTS" || this.isNetwork;
  }
}

/** A record the caller asked for does not exist (Bigin answers 204, or INVALID_DATA on the id). */
export function notFound(module: string, id: string) {
  return new BiginError({
    status: 404,
    code: "NOT_FOUND",
    message: `No ${module} record with id ${id}`,
    details: { id, module },
  });
}

/** An update carried a Modified_Time older than the record's: someone changed it meanwhile. */
export class ConflictError extends Error {
  constructor(readonly current: unknown) {
    super("This record was changed by someone else since you opened it. Review the current values and save again.");
    this.name = "ConflictError";
  }
}

/** Build the field map for a per-field Bigin error: `details.api_name` → a readable message. */
export function fieldsOf(code: string, message: string, details: Record<string, unknown>) {
  const apiName = typeof details.api_name === "string" ? details.api_name : null;
  if (!apiName) return undefined;
  let text = message;
  if (code === "MANDATORY_NOT_FOUND") text = "This field is required";
  else if (code === "DUPLICATE_DATA") text = "Another record already has this value";
  else if (code === "INVALID_DATA") {
    if (typeof details.maximum_length === "number") text = `At most ${details.maximum_length} characters`;
    else if (typeof details.expected_data_type === "string")
      text = `Expected a valid ${details.expected_data_type}`;
    else text = "This value is not valid";
  }
  return { [apiName]: text };
}

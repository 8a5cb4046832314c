// Bigin's error envelope (bigin-api.md §4.3) and the request-level errors the sandbox raises.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
  toJSON() {
    return { code: this.code, details: this.details, message: this.message, status: "error" };
  }
}

export const invalidUrl = () =>
  new ApiError(
    404,
    "INVALID_URL_PATTERN",
    "Please check if the URL trying to access is a correct one",
  );
export const invalidModule = (name: string) =>
  new ApiError(400, "INVALID_MODULE", "the module name given seems to be invalid", {
    resource_path_index: 0,
    module: name,
  });
export const requiredParam = (param: string) =>
  new ApiError(400, "REQUIRED_PARAM_MISSING", "One of the expected parameter is missing", {
    param_name: param,
  });
export const invalidParam = (
  param: string,
  message = "invalid data",
  extra: Record<string, unknown> = {},
) => new ApiError(400, "INVALID_DATA", message, { param_name: param, ...extra });
export const invalidMethod = () =>
  new ApiError(400, "INVALID_REQUEST_METHOD", "The http request method type is not a valid one");

/** One entry of a write response's per-record array. */
export interface RecordResult {
  code: string;
  details: Record<string, unknown>;
  message: string;
  status: "success" | "error";
  [key: string]: unknown;
}

export const recordError = (
  code: string,
  message: string,
  details: Record<string, unknown>,
): RecordResult => ({
  code,
  details,
  message,
  status: "error",
});

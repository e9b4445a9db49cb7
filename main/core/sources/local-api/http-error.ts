// A refusal of the local API: its status, the ErrorBody the client reads, and any headers it needs.
import type { ErrorBody } from '../../../../common/local-api-wire';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
    readonly headers: Record<string, string> = {},
  ) {
    super(body.message);
  }
}

import { ApiError } from './client.ts';
import type { Role } from './types.ts';

/** Words for a failed change that tell the responder what to do next, not just the status code. */
export function explainFailure(error: unknown, role: Role | undefined): string {
  if (error instanceof ApiError) {
    if (error.status === 403) {
      return role
        ? `Your token's role (${role}) cannot do this. Ask an admin for a responder token.`
        : "Your token's role cannot do this. Ask an admin for a responder token.";
    }
    if (error.status === 409) return `Not done: ${error.message} (someone may have changed it meanwhile).`;
    return `Not done: ${error.message} (${error.status}).`;
  }
  return `Not done: could not reach the server (${error instanceof Error ? error.message : String(error)}).`;
}

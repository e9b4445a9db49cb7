// Failures as codes with typed parameters (the contract's AppError), and the one-line rendering of any coded
// value for main's logs and diagnostics (the code, then its data). The agent reads the renderer's words
// (renderer/src/i18n/codes.ts), in their language.
// AppError is main's one error vocabulary; three carriers stay distinct because each adds a meaning it lacks:
// ControllerError (controller/types.ts) holds the step, host and server code for the log (`toAppError` keeps
// the agent's part); RequestRefused (ipc/dispatch.ts) carries an AppError through a handler, whose return is
// its reply; WriteRefused (sources/port.ts) tells the outbox never to retry a write. A JoinOutcome is a
// result, not an error: its failure is an AppError, beside the session it names.
import {
  type AppError,
  type AppErrorCode,
  type ConnectionDetail,
  type SourceDetail,
  type UpdateDetail,
} from '../../../common/contract';
import { maskToken } from '../../../common/mask';

type Params<C extends AppErrorCode> = Extract<AppError, { code: C }> extends { params: infer P } ? P : never;
type Bare = Exclude<AppError, { params: unknown }>['code'];

/** An AppError with its parameters, typed by its code. */
export function appError<C extends Bare>(code: C): AppError;
export function appError<C extends Exclude<AppErrorCode, Bare>>(code: C, params: Params<C>): AppError;
export function appError(code: AppErrorCode, params?: object): AppError {
  return (params ? { code, params } : { code }) as AppError;
}

/** A coded value for main's logs and diagnostics: the code, then its parameters (session IDs masked). */
export function describe(value: AppError | ConnectionDetail | SourceDetail | UpdateDetail): string {
  if (!('params' in value)) return value.code;
  const params: Record<string, unknown> = { ...value.params };
  for (const key of ['id', 'token'] as const)
    if (typeof params[key] === 'string') params[key] = maskToken(params[key]);
  const said = Object.entries(params)
    .filter(([, v]) => v !== null)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? JSON.stringify(v) : String(v)}`);
  return said.length ? `${value.code} (${said.join(', ')})` : value.code;
}

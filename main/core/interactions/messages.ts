// Failures as codes with typed parameters (the contract's AppError; a controller failure becomes one in
// main/core/controller/types.ts), and the one-line rendering of any coded
// value for main's logs and diagnostics (the code, then its data). The agent reads the renderer's
// words (renderer/src/i18n/codes.ts), in their language.
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

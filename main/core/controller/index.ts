// The controller client: join co-browse sessions as Controller (see ./types for the port).
export { createController, ControllerOptions, type ControllerOptionsInput } from './controller';
export { defaultDeadlines, type Deadlines } from './session';
export * from './types';

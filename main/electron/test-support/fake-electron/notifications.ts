// Notifications: a shown one is held only weakly, as a native toast holds its JS object.
import { EventEmitter } from 'node:events';
import { recorded, requireReady, violate } from './runtime';

type ActivationArguments = { type: string; arguments: string; actionIndex?: number; reply?: string };
/** Toast activations (Windows): the handler, and those that came before one was registered (a cold start). */
export const activations = {
  handler: null as ((d: ActivationArguments) => void) | null,
  early: [] as ActivationArguments[],
};

export class Notification extends EventEmitter {
  static isSupported(): boolean {
    return true;
  }
  /**
   * Windows only. Documented: every activation (clicked in the Action Center after a restart, or after the
   * object was collected) reaches the callback; one that came before it was registered is given at once.
   */
  static handleActivation(callback: (details: ActivationArguments) => void): void {
    if (process.platform !== 'win32') violate('Notification.handleActivation is not a function', TypeError);
    activations.handler = callback;
    for (const early of activations.early.splice(0)) callback(early);
  }
  constructor(readonly options: { title: string; body: string }) {
    super();
    requireReady('Notification');
  }
  show(): void {
    recorded.notifications.push({
      title: this.options.title,
      body: this.options.body,
      ref: new WeakRef(this),
    });
  }
}

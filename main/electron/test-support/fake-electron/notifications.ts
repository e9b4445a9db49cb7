// Notifications: a shown one is held only weakly, as a native toast holds its JS object.
import { EventEmitter } from 'node:events';
import { recorded, requireReady } from './runtime';

export class Notification extends EventEmitter {
  static isSupported(): boolean {
    return true;
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

// Tray and the native images it shows.
import { EventEmitter } from 'node:events';
import type { Menu } from './menus';
import { destroyable, recorded, requireReady, violate } from './runtime';

export class Tray extends EventEmitter {
  destroyedFlag = false;
  tooltip = '';
  constructor(_image: unknown) {
    super();
    requireReady('Tray');
    const self = destroyable(this);
    recorded.trays.push(self);
    return self;
  }
  isDestroyed(): boolean {
    return this.destroyedFlag;
  }
  setToolTip(tooltip: string): void {
    this.tooltip = tooltip;
  }
  setImage(_image: unknown): void {}
  /** Every menu set, latest last. */
  menus: (Menu | null)[] = [];
  setContextMenu(menu: Menu | null): void {
    this.menus.push(menu);
  }
  destroy(): void {
    recorded.calls.push('tray.destroy');
    this.destroyedFlag = true;
  }
}

class NativeImage {
  addRepresentation(o: { width: number; height: number; buffer?: Buffer }): void {
    if (!o.buffer) violate('addRepresentation needs a buffer or a dataURL');
  }
  toPNG(): Buffer {
    return Buffer.alloc(8);
  }
}
export const nativeImage = {
  createFromBitmap(buffer: Buffer, o: { width: number; height: number }): NativeImage {
    if (buffer.length < o.width * o.height * 4) violate('Invalid buffer size');
    return new NativeImage();
  },
};

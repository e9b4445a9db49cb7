// View and WebContentsView: integer DIP bounds, children, visibility.
import { EventEmitter } from 'node:events';
import { recorded, requireReady, violate, type Rect } from './runtime';
import { WebContents, type WebPreferences } from './web-contents';

export class View extends EventEmitter {
  readonly children: View[] = [];
  parent: View | null = null;
  bounds: Rect = { x: 0, y: 0, width: 0, height: 0 };
  visible = true;
  addChildView(view: View): void {
    view.parent?.removeChildView(view);
    this.children.push(view);
    view.parent = this;
  }
  /** A no-op for a view that is not a child, as documented. */
  removeChildView(view: View): void {
    const i = this.children.indexOf(view);
    if (i < 0) return;
    this.children.splice(i, 1);
    view.parent = null;
  }
  setBounds(bounds: Rect): void {
    // Electron converts to gfx::Rect: anything but integers is a conversion failure.
    if (![bounds.x, bounds.y, bounds.width, bounds.height].every(Number.isInteger))
      violate(`Error processing argument at index 0, conversion failure from ${JSON.stringify(bounds)}`);
    this.bounds = { ...bounds };
  }
  getBounds(): Rect {
    return { ...this.bounds };
  }
  setVisible(visible: boolean): void {
    this.visible = visible;
  }
  getVisible(): boolean {
    return this.visible;
  }
  setBackgroundColor(_color: string): void {}
}

export class WebContentsView extends View {
  readonly webContents: WebContents;
  constructor(readonly options: { webPreferences?: WebPreferences } = {}) {
    super();
    requireReady('WebContentsView');
    this.webContents = new WebContents(options.webPreferences ?? {});
    recorded.views.push(this);
  }
}

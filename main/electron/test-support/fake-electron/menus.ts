// Menus: role menus filled in as Electron does, and the default menu an app gets at ready.
import { runtime } from './runtime';

interface MenuItemOptions {
  role?: string;
  submenu?: MenuItemOptions[] | Menu;
  [key: string]: unknown; // click, type…: not modelled
}
const mac = () => process.platform === 'darwin';
/** The submenus Electron fills in for a role menu given without one. */
const roleMenus: Record<string, () => string[]> = {
  appMenu: () => ['about', 'services', 'hide', 'hideOthers', 'unhide', 'quit'],
  fileMenu: () => [mac() ? 'close' : 'quit'],
  editMenu: () => [
    'undo',
    'redo',
    'cut',
    'copy',
    'paste',
    ...(mac() ? ['pasteAndMatchStyle'] : []),
    'delete',
    'selectAll',
  ],
  viewMenu: () => [
    'reload',
    'forceReload',
    'toggleDevTools',
    'resetZoom',
    'zoomIn',
    'zoomOut',
    'togglefullscreen',
  ],
  windowMenu: () => ['minimize', 'zoom', ...(mac() ? ['front'] : ['close'])],
};

export class MenuItem {
  readonly role: string | undefined;
  readonly label: string | undefined;
  readonly submenu: Menu | undefined;
  constructor(o: MenuItemOptions) {
    this.role = o.role;
    this.label = typeof o.label === 'string' ? o.label : undefined;
    const sub =
      o.submenu ?? (o.role && roleMenus[o.role] ? roleMenus[o.role]!().map((role) => ({ role })) : undefined);
    this.submenu = sub instanceof Menu || !sub ? sub : Menu.buildFromTemplate(sub);
  }
}

export class Menu {
  static buildFromTemplate(template: MenuItemOptions[]): Menu {
    return new Menu(template.map((o) => new MenuItem(o)));
  }
  static setApplicationMenu(menu: Menu | null): void {
    runtime.appMenu = menu;
    runtime.appMenuSet = true;
  }
  static getApplicationMenu(): Menu | null {
    return runtime.appMenu;
  }
  constructor(readonly items: MenuItem[] = []) {}
}

/** lib/browser/default-menu.ts: what an app gets at ready when it set no menu of its own. */
export const defaultMenu = () =>
  Menu.buildFromTemplate([
    ...(mac() ? [{ role: 'appMenu' }] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
    { role: 'help', submenu: [{ label: 'Learn More' }] },
  ]);

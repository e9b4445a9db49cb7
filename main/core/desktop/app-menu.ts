// The app's own menu in the agent's language. Electron's role items carry English labels on Windows and
// Linux (and its role menus fill in English submenus), so each item is listed with its role and a label from
// our catalog; the roles keep their OS behaviour and shortcuts. Edit stays (macOS needs its roles for copy and
// paste in the sidebar's fields), Window too; the View menu (Reload, DevTools, Zoom) only in development
// builds, left as Electron words it: it is for developers, not agents.
import { defineMessages } from '@formatjs/intl';
import type { IntlShape } from '../i18n/intl';

/** The Electron roles used here (a subset of Electron's `MenuItemConstructorOptions['role']`). */
export type MenuRole =
  | 'appMenu'
  | 'about'
  | 'services'
  | 'hide'
  | 'hideOthers'
  | 'unhide'
  | 'quit'
  | 'editMenu'
  | 'undo'
  | 'redo'
  | 'cut'
  | 'copy'
  | 'paste'
  | 'pasteAndMatchStyle'
  | 'delete'
  | 'selectAll'
  | 'startSpeaking'
  | 'stopSpeaking'
  | 'viewMenu'
  | 'windowMenu'
  | 'minimize'
  | 'zoom'
  | 'front'
  | 'close';

export interface AppMenuItem {
  role?: MenuRole;
  label?: string;
  type?: 'separator';
  submenu?: AppMenuItem[];
}

type Product = { product: string };
// The app's name is in these three.
const named = defineMessages<{ about: Product; hide: Product; quit: Product }>({
  about: { id: 'menu.about', defaultMessage: 'About {product}', description: 'macOS app menu' },
  hide: { id: 'menu.hide', defaultMessage: 'Hide {product}', description: 'macOS app menu' },
  quit: { id: 'menu.quit', defaultMessage: 'Quit {product}', description: 'macOS app menu' },
});

const m = defineMessages({
  services: { id: 'menu.services', defaultMessage: 'Services', description: 'macOS app menu' },
  hideOthers: { id: 'menu.hideOthers', defaultMessage: 'Hide Others', description: 'macOS app menu' },
  unhide: { id: 'menu.unhide', defaultMessage: 'Show All', description: 'macOS app menu' },
  edit: { id: 'menu.edit', defaultMessage: 'Edit', description: 'Menu bar: the Edit menu' },
  undo: { id: 'menu.undo', defaultMessage: 'Undo', description: 'Edit menu' },
  redo: { id: 'menu.redo', defaultMessage: 'Redo', description: 'Edit menu' },
  cut: { id: 'menu.cut', defaultMessage: 'Cut', description: 'Edit menu' },
  copy: { id: 'menu.copy', defaultMessage: 'Copy', description: 'Edit menu' },
  paste: { id: 'menu.paste', defaultMessage: 'Paste', description: 'Edit menu' },
  pasteAndMatchStyle: {
    id: 'menu.pasteAndMatchStyle',
    defaultMessage: 'Paste and Match Style',
    description: 'Edit menu (macOS)',
  },
  delete: { id: 'menu.delete', defaultMessage: 'Delete', description: 'Edit menu: delete the selected text' },
  selectAll: { id: 'menu.selectAll', defaultMessage: 'Select All', description: 'Edit menu' },
  speech: { id: 'menu.speech', defaultMessage: 'Speech', description: 'Edit menu (macOS): text to speech' },
  startSpeaking: {
    id: 'menu.startSpeaking',
    defaultMessage: 'Start Speaking',
    description: 'Edit menu (macOS)',
  },
  stopSpeaking: {
    id: 'menu.stopSpeaking',
    defaultMessage: 'Stop Speaking',
    description: 'Edit menu (macOS)',
  },
  window: { id: 'menu.window', defaultMessage: 'Window', description: 'Menu bar: the Window menu' },
  minimize: { id: 'menu.minimize', defaultMessage: 'Minimize', description: 'Window menu' },
  zoom: {
    id: 'menu.zoom',
    defaultMessage: 'Zoom',
    description: 'Window menu: maximise or restore the window',
  },
  front: { id: 'menu.front', defaultMessage: 'Bring All to Front', description: 'Window menu (macOS)' },
  close: { id: 'menu.close', defaultMessage: 'Close Window', description: 'Window menu' },
});

const SEPARATOR: AppMenuItem = { type: 'separator' };

/** The menu bar for `platform`, items as Electron's role menus list them (lib/browser/api/menu-item-roles.ts). */
export function appMenuModel(
  intl: IntlShape,
  opts: { platform: NodeJS.Platform; packaged: boolean; productName: string },
): AppMenuItem[] {
  const mac = opts.platform === 'darwin';
  const item = (role: keyof typeof m & MenuRole): AppMenuItem => ({
    role,
    label: intl.formatMessage(m[role]),
  });
  const withName = (role: keyof typeof named): AppMenuItem => ({
    role,
    label: intl.formatMessage(named[role], { product: opts.productName }),
  });
  const appMenu: AppMenuItem = {
    role: 'appMenu',
    label: opts.productName,
    submenu: [
      withName('about'),
      SEPARATOR,
      item('services'),
      SEPARATOR,
      withName('hide'),
      item('hideOthers'),
      item('unhide'),
      SEPARATOR,
      withName('quit'),
    ],
  };
  const edit: AppMenuItem = {
    role: 'editMenu',
    label: intl.formatMessage(m.edit),
    submenu: [
      item('undo'),
      item('redo'),
      SEPARATOR,
      item('cut'),
      item('copy'),
      item('paste'),
      ...(mac
        ? [
            item('pasteAndMatchStyle'),
            item('delete'),
            item('selectAll'),
            SEPARATOR,
            {
              label: intl.formatMessage(m.speech),
              submenu: [item('startSpeaking'), item('stopSpeaking')],
            },
          ]
        : [item('delete'), SEPARATOR, item('selectAll')]),
    ],
  };
  const window: AppMenuItem = {
    role: 'windowMenu',
    label: intl.formatMessage(m.window),
    submenu: [item('minimize'), item('zoom'), ...(mac ? [SEPARATOR, item('front')] : [item('close')])],
  };
  return [...(mac ? [appMenu] : []), edit, ...(opts.packaged ? [] : [{ role: 'viewMenu' as const }]), window];
}

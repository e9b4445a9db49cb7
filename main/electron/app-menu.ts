// The app's own menu instead of Electron's default, which offers Reload, DevTools and Zoom in every build;
// its items and words are core/desktop/app-menu.ts's. Set again only when the words change (the agent
// switched language).
import { app, Menu } from 'electron';
import { appMenuModel } from '../core/desktop/app-menu';
import type { IntlShape } from '../core/i18n/intl';

/** Returns a function to call with the agent's current language, at start and on every state push. */
export function followAppMenu(): (intl: IntlShape) => void {
  let last = '';
  return (intl) => {
    const template = appMenuModel(intl, {
      platform: process.platform,
      packaged: app.isPackaged,
      productName: app.getName(),
    });
    const key = JSON.stringify(template);
    if (key === last) return;
    last = key;
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  };
}

// The app's own menu instead of Electron's default, which offers Reload, DevTools and Zoom in every build:
// Edit stays (macOS needs its roles for copy and paste in the sidebar's fields), Window too; View (Reload,
// DevTools, Zoom) only in development builds.
import { app, Menu, type MenuItemConstructorOptions } from 'electron';

export function installAppMenu(): void {
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    { role: 'editMenu' },
    ...(app.isPackaged ? [] : [{ role: 'viewMenu' as const }]),
    { role: 'windowMenu' },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

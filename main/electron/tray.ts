// The tray icon: connection state as a coloured dot and a tooltip, and a menu to open the sidebar, copy
// diagnostics or quit, in the agent's language (core/desktop/tray-model.ts); the menu is rebuilt when its
// words change.
import { Menu, nativeImage, Tray, type NativeImage } from 'electron';
import type { AppState } from '../../common/contract';
import { dotBitmap, trayMenu, trayModel, type Rgb, type TrayAction } from '../core/desktop/tray-model';
import type { IntlShape } from '../core/i18n/intl';

export interface StatusTray {
  update(state: Pick<AppState, 'connection' | 'sessions' | 'mode'>, intl: IntlShape): void;
  destroy(): void;
}

function dot(color: Rgb): NativeImage {
  const image = nativeImage.createFromBitmap(dotBitmap(16, color), { width: 16, height: 16, scaleFactor: 1 });
  image.addRepresentation({
    scaleFactor: 2,
    width: 32,
    height: 32,
    buffer: nativeImage
      .createFromBitmap(dotBitmap(32, color), { width: 32, height: 32, scaleFactor: 2 })
      .toPNG(),
  });
  return image;
}

export function createStatusTray(opts: {
  productName: string;
  actions: Record<TrayAction, () => void>;
}): StatusTray {
  const images = new Map<string, NativeImage>();
  const imageFor = (color: Rgb) => {
    const key = color.join(',');
    if (!images.has(key)) images.set(key, dot(color));
    return images.get(key)!;
  };
  const tray = new Tray(imageFor([0x8c, 0x95, 0x9f]));
  tray.on('click', opts.actions.open);
  let lastState = '';
  let lastMenu = '';
  return {
    update(state, intl) {
      const items = trayMenu(opts.productName, intl);
      const menuKey = JSON.stringify(items);
      if (menuKey !== lastMenu) {
        lastMenu = menuKey;
        tray.setContextMenu(
          Menu.buildFromTemplate(
            items.map((i) =>
              'action' in i ? { label: i.label, click: opts.actions[i.action] } : { type: 'separator' },
            ),
          ),
        );
      }
      const m = trayModel(state, opts.productName, intl);
      const key = `${m.tooltip}|${m.color.join(',')}`;
      if (key === lastState) return;
      lastState = key;
      tray.setToolTip(m.tooltip);
      tray.setImage(imageFor(m.color));
    },
    destroy: () => tray.destroy(),
  };
}

// The tray icon: connection state as a coloured dot and a tooltip, and a menu to open the sidebar, copy
// diagnostics or quit.
import { Menu, nativeImage, Tray, type NativeImage } from 'electron';
import type { AppState } from '../../common/contract';
import { dotBitmap, trayModel, type Rgb } from '../core/desktop/tray-model';

export interface StatusTray {
  update(state: Pick<AppState, 'connection' | 'sessions' | 'mode'>): void;
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
  onOpen: () => void;
  onCopyDiagnostics: () => void;
  onQuit: () => void;
}): StatusTray {
  const images = new Map<string, NativeImage>();
  const imageFor = (color: Rgb) => {
    const key = color.join(',');
    if (!images.has(key)) images.set(key, dot(color));
    return images.get(key)!;
  };
  const tray = new Tray(imageFor([0x8c, 0x95, 0x9f]));
  tray.setContextMenu(
    Menu.buildFromTemplate([
      { label: `Open ${opts.productName}`, click: opts.onOpen },
      { label: 'Copy diagnostics', click: opts.onCopyDiagnostics },
      { type: 'separator' },
      { label: 'Quit', click: opts.onQuit },
    ]),
  );
  tray.on('click', opts.onOpen);
  let last = '';
  return {
    update(state) {
      const m = trayModel(state, opts.productName);
      const key = `${m.tooltip}|${m.color.join(',')}`;
      if (key === last) return;
      last = key;
      tray.setToolTip(m.tooltip);
      tray.setImage(imageFor(m.color));
    },
    destroy: () => tray.destroy(),
  };
}

// The rest the host touches: theme, screen, safeStorage, shell, clipboard, dialogs.
import { recorded, requireReady, runtime } from './runtime';

export const nativeTheme = { shouldUseDarkColors: false };
const display = { id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1040 } };
export const screen = {
  getAllDisplays: () => (requireReady('screen'), [display]),
  getPrimaryDisplay: () => (requireReady('screen'), display),
};
export const safeStorage = {
  /** On Linux only after ready (the keyring is read then). */
  isEncryptionAvailable: () => runtime.ready,
  encryptString: (text: string) => Buffer.from(`sealed:${text}`),
  decryptString: (sealed: Buffer) => {
    const text = sealed.toString();
    if (!text.startsWith('sealed:')) throw new Error('Error while decrypting the ciphertext provided');
    return text.slice('sealed:'.length);
  },
};
export const shell = {
  openExternal: async (url: string) => void recorded.calls.push(`shell.openExternal ${url}`),
};
export const clipboard = {
  // Electron 45: writeText resolves once the text is on the clipboard.
  writeText: async (text: string) => void recorded.clipboard.push(text),
};
export const dialog = {
  /** Electron 45: `([window,] options)`, only once ready; resolves `{canceled, filePath}` ('' when cancelled). */
  showSaveDialog: async (...args: unknown[]) => {
    requireReady('dialog');
    const options = (args.length > 1 ? args[1] : args[0]) as { defaultPath?: string };
    recorded.saveDialogs.push({ modal: args.length > 1, defaultPath: options.defaultPath ?? '' });
    const filePath = recorded.saveDialogAnswer;
    return { canceled: filePath === null, filePath: filePath ?? '' };
  },
};

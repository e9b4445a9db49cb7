// The rest the host touches: theme, screen, safeStorage, shell, clipboard, dialogs, crash reports.
import { recorded, requireReady, runtime, violate, type CrashReporterOptions } from './runtime';

export const nativeTheme = { shouldUseDarkColors: false };
const display = { id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1040 } };
export const screen = {
  getAllDisplays: () => (requireReady('screen'), [display]),
  getPrimaryDisplay: () => (requireReady('screen'), display),
};
/** The OS key safeStorage encrypts with; rotating it makes older ciphertext ask to be re-encrypted. */
export const safeStorageKey = { version: 1 };
const xor = (bytes: Buffer) => Buffer.from([...bytes].map((b) => b ^ 0x5a));
const seal = (text: string) =>
  Buffer.concat([Buffer.from(`k${safeStorageKey.version}:`), xor(Buffer.from(text, 'utf8'))]);
function unseal(sealed: Buffer): { result: string; version: number } {
  const m = /^k(\d+):/.exec(sealed.subarray(0, 8).toString('latin1'));
  if (!m) throw new Error('Error while decrypting the ciphertext provided');
  return { result: xor(sealed.subarray(m[0].length)).toString('utf8'), version: Number(m[1]) };
}
export const safeStorage = {
  /** Deprecated in Electron 45 (the async calls report key rotation). On Linux only after ready. */
  isEncryptionAvailable: () => runtime.ready,
  encryptString: seal,
  decryptString: (sealed: Buffer) => unseal(sealed).result,
  /** Initialised lazily after ready, as documented. */
  isAsyncEncryptionAvailable: async () => runtime.ready,
  encryptStringAsync: async (text: string) => {
    requireReady('safeStorage.encryptStringAsync');
    return seal(text);
  },
  /** `shouldReEncrypt` when the ciphertext was made with a key since rotated. */
  decryptStringAsync: async (sealed: Buffer) => {
    requireReady('safeStorage.decryptStringAsync');
    const { result, version } = unseal(sealed);
    return { result, shouldReEncrypt: version < safeStorageKey.version };
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
  /** `([window,] options)`: resolves `{response, checkboxChecked}` once answered (`fake.answerMessageBox`). */
  showMessageBox: (...args: unknown[]) => {
    requireReady('dialog');
    const o = (args.length > 1 ? args[1] : args[0]) as {
      message: string;
      detail?: string;
      buttons?: string[];
      cancelId?: number;
    };
    return new Promise<{ response: number; checkboxChecked: boolean }>((resolve) => {
      recorded.messageBoxes.push({
        modal: args.length > 1,
        message: o.message,
        detail: o.detail ?? '',
        buttons: o.buttons ?? ['OK'],
        cancelId: o.cancelId,
        answer: (response) => resolve({ response, checkboxChecked: false }),
      });
    });
  },
  /** Electron's modal "A JavaScript error occurred" box uses this; an app that shows it blocks the agent. */
  showErrorBox: (title: string, content: string) => {
    recorded.calls.push(`dialog.showErrorBox ${title}: ${content.split('\n')[0]}`);
  },
};

export const crashReporter = {
  /**
   * Documented: `submitURL` is required unless `uploadToServer` is false, and a renderer created before
   * `start` is not monitored (so start as early as possible, before ready).
   */
  start(options: CrashReporterOptions): void {
    if (options.uploadToServer !== false && !options.submitURL)
      violate('submitURL is a required option to crashReporter.start');
    if (runtime.webContentsCreated > 0)
      violate(`crashReporter.start after ${runtime.webContentsCreated} renderer(s): those are not monitored`);
    recorded.crashReporter = { ...options };
    recorded.calls.push(`crashReporter.start uploadToServer=${String(options.uploadToServer ?? true)}`);
  },
};

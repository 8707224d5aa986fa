// Each contract method as a call to the service that does it. Services return plain values and
// throw their errors; the table (table.ts) validates arguments, wraps values as { ok: true, value }
// and user errors as { ok: false, error }, and strips results to the contract.
import type { z } from 'zod';
import type { MethodName, methods } from '../../preload/contract';
import type { App } from '../app/assemble';
import { AppError } from '../app/shared/user-errors';

/** What a Result<T> method's handler returns: T itself (the table wraps it). */
type Unwrapped<R> = R extends { ok: true; value: infer V }
  ? V
  : R extends { ok: false }
    ? never
    : R;

export type ServiceHandlers = {
  [K in MethodName]: (
    ...args: z.output<(typeof methods)[K]['args']>
  ) =>
    | Promise<Unwrapped<z.input<(typeof methods)[K]['result']>>>
    | Unwrapped<z.input<(typeof methods)[K]['result']>>;
};

export function serviceHandlers(app: App): ServiceHandlers {
  return {
    getState: () => app.getState(),
    codes: (at) => app.codes.list(at),
    copyCode: (id) => app.codes.copy(id),
    typeCode: (id, pickerToken) => app.typing.typeCode(id, pickerToken),
    nextHotp: (id) => app.codes.nextHotp(id),
    addUri: (uri) => app.adding.addUri(uri),
    addManual: (input) => app.adding.addManual(input),
    scanScreen: () => app.scans.screen(),
    scanRegion: () => app.scans.region(),
    scanImageFile: () => app.scans.imageFile(),
    scanClipboard: () => app.scans.clipboard(),
    addScanned: (scanId, choices) => app.adding.addScanned(scanId, choices),
    updateAccount: (id, patch) => app.accounts.update(id, patch),
    previewCode: (id, params) =>
      app.accounts.preview(id, params, app.clockCheck.service.correctedClock().now()),
    removeAccount: (id) => app.accounts.remove(id),
    undoRemove: (token) => app.accounts.undoRemove(token),
    reorder: async (ids) => (await app.accounts.reorder(ids), null),
    importPickFile: () => app.imports.pickFile(),
    importPickKeyFile: (importId) => app.imports.pickKeyFile(importId),
    importPreview: (importId, password) => app.imports.preview(importId, password),
    importCancel: (importId) => (app.imports.cancel(importId), null),
    importConfirm: (importId, decisions) => app.imports.confirm(importId, decisions),
    exportVault: (kind, options) => app.exports.export(kind, options),
    createVault: async (passphrase) => (await app.session.create(passphrase), null),
    unlock: async (passphrase) => (await app.session.unlock(passphrase), null),
    lock: async () => (await app.session.lock(), null),
    changePassphrase: async (current, next) => (
      await app.session.changePassphrase(current, next),
      null
    ),
    restoreBackup: (revision) => app.session.restoreBackup(revision),
    dismissRollback: async () => (await app.session.dismissRollback(), null),
    setSettings: (patch) => app.settings.set(patch),
    checkHotkey: (accelerator) => app.settings.checkHotkey(accelerator),
    regionCancel: () => (app.scans.cancelRegion(), null),
    regionSelect: (region) => (app.scans.selectRegion(region), null),
    hideWindow: () => (app.window.hide(), null),
    directoryStatus: () => directory(app).status(),
    directorySetEnabled: (enabled) => directory(app).setEnabled(enabled),
    directoryUpdate: () => directory(app).update(),
    directorySearch: (query) => directory(app).search(query, app.session.current?.entries ?? []),
    directoryOpenDocumentation: async (siteId) => (
      await directory(app).openDocumentation(siteId),
      null
    ),
    clockCheckNow: () => app.clockCheck.service.checkNow(),
    clockSetEnabled: (enabled) => app.clockCheck.service.setEnabled(enabled),
    clockSetHost: (host) => app.clockCheck.service.setHost(host),
    clockSetCorrection: (mode, seconds) => app.clockCheck.service.setCorrection(mode, seconds),
    clockDismissBanner: () => app.clockCheck.service.dismissBanner(),
    codeHelp: (id) => app.clockCheck.codeHelp(id),
    hotpResync: (id, accepted) => app.clockCheck.hotpResync(id, accepted),
    syncStatus: () => app.sync.status(),
    syncChooseFolder: () => app.sync.chooseFolder(),
    syncStart: ({ folder, deviceName }) => app.sync.start(folder, deviceName),
    syncJoin: ({ folder, invitation, deviceName }) => app.sync.join(folder, invitation, deviceName),
    syncCancelJoin: () => app.sync.cancelJoin(),
    syncScanInvitation: () => app.sync.scanInvitation(),
    syncInvite: () => app.sync.invite(),
    syncRemoveDevice: (device) => app.sync.removeDevice(device),
    syncLeave: () => app.sync.leave(),
    syncRename: (name) => app.sync.rename(name),
    followStatus: () => app.follow.status(),
    followChooseFolder: () => app.follow.chooseFolder(),
    followStart: (options) => app.follow.start(options),
    followStop: () => app.follow.stop(),
    followCheckNow: () => app.follow.checkNow(),
    followMerge: (choice) => app.follow.merge(choice),
    browserStatus: () => browser(app).status(),
    browserList: () => browser(app).list(),
    browserRevoke: async (id) => (await browser(app).revoke(id), null),
    browserPairingAnswer: (id, approve) => (browser(app).answerPairing(id, approve), null),
    browserSetEnabled: (enabled) => browser(app).setEnabled(enabled),
    desktopTyping: () => app.desktopTyping.status(),
    desktopTypingForget: () => app.desktopTyping.forget(),
  };
}

function browser(app: App): NonNullable<App['browser']> {
  if (!app.browser) {
    throw new AppError('no-browser-bridge', 'This build of TrayOTP does not connect to browsers.');
  }
  return app.browser;
}

function directory(app: App): NonNullable<App['directory']> {
  if (!app.directory) {
    throw new AppError('no-directory', 'The 2FA Directory is not available in this build.');
  }
  return app.directory;
}

// The IPC method and event names, with no dependencies, so the sandboxed preload bundle stays
// small (it needs the names only; the schemas in contract.ts are for main and the types).
export const METHOD_NAMES = [
  'getState',
  'codes',
  'copyCode',
  'typeCode',
  'nextHotp',
  'addUri',
  'addManual',
  'scanScreen',
  'scanRegion',
  'scanImageFile',
  'scanClipboard',
  'addScanned',
  'updateAccount',
  'removeAccount',
  'undoRemove',
  'reorder',
  'importPickFile',
  'importPickKeyFile',
  'importPreview',
  'importCancel',
  'importConfirm',
  'exportVault',
  'createVault',
  'unlock',
  'lock',
  'changePassphrase',
  'restoreBackup',
  'dismissRollback',
  'setSettings',
  'checkHotkey',
  'regionCancel',
  'regionSelect',
  'hideWindow',
  'directoryStatus',
  'directorySetEnabled',
  'directoryUpdate',
  'directorySearch',
  'directoryOpenDocumentation',
] as const;
export type MethodName = (typeof METHOD_NAMES)[number];

export const EVENT_NAMES = [
  'state',
  'progress',
  'navigate',
  'regionImage',
  'scanned',
  'directory',
] as const;
export type EventName = (typeof EVENT_NAMES)[number];

export const channelOf = (name: MethodName | EventName) => `trayotp:${name}`;

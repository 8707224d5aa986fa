// The D-Bus side of the test backend (test-backend.ts): the org.freedesktop.impl.portal.*
// interfaces the real frontend calls, each handing the call to TestBackend.
import { interface as dbusInterface } from '@jellybrick/dbus-next';
import type { Variant } from '@jellybrick/dbus-next';
import type { Answer, TestBackend } from './test-backend';

type Options = Record<string, Variant>;

/**
 * @jellybrick/dbus-next 0.11.3: configureMembers puts the members on the prototype, but the
 * Interface constructor defines own `$properties`/`$methods`/`$signals` fields (undefined) that
 * hide them, so nothing would be exported. Dropping the own fields lets the prototype's show.
 */
function unshadow(iface: object): void {
  for (const key of ['$properties', '$methods', '$signals']) {
    if (Object.hasOwn(iface, key) && Reflect.get(iface, key) === undefined) {
      Reflect.deleteProperty(iface, key);
    }
  }
}

export class ImplRequest extends dbusInterface.Interface {
  constructor(private readonly onClose: () => void) {
    super('org.freedesktop.impl.portal.Request');
    unshadow(this);
  }
  Close(): void {
    this.onClose();
  }
}
ImplRequest.configureMembers({ methods: { Close: {} } });

export class ImplSession extends dbusInterface.Interface {
  version = 1;
  constructor(private readonly onClose: () => void) {
    super('org.freedesktop.impl.portal.Session');
    unshadow(this);
  }
  Close(): void {
    this.onClose();
  }
  Closed(): void {}
}
ImplSession.configureMembers({
  properties: { version: { signature: 'u', access: 'read' } },
  methods: { Close: {} },
  signals: { Closed: { signature: '' } },
});

export class ImplRemoteDesktop extends dbusInterface.Interface {
  AvailableDeviceTypes = 1 | 2;
  version = 1;
  constructor(private readonly b: TestBackend) {
    super('org.freedesktop.impl.portal.RemoteDesktop');
    unshadow(this);
  }
  CreateSession(handle: string, sessionHandle: string): Promise<Answer> {
    return this.b.withRequest(handle, () => this.b.createSession(handle, sessionHandle));
  }
  SelectDevices(handle: string, sessionHandle: string, _app: string, options: Options) {
    return this.b.withRequest(handle, () => this.b.selectDevices(sessionHandle, options));
  }
  Start(handle: string, sessionHandle: string) {
    return this.b.withRequest(handle, (whenClosed) => this.b.start(sessionHandle, whenClosed));
  }
  NotifyKeyboardKeysym(sessionHandle: string, _options: Options, keysym: number, state: number) {
    this.b.notifyKeysym(sessionHandle, keysym, state);
  }
}
const answer = { outSignature: 'ua{sv}' };
ImplRemoteDesktop.configureMembers({
  properties: {
    AvailableDeviceTypes: { signature: 'u', access: 'read' },
    version: { signature: 'u', access: 'read' },
  },
  methods: {
    CreateSession: { inSignature: 'oosa{sv}', ...answer },
    SelectDevices: { inSignature: 'oosa{sv}', ...answer },
    Start: { inSignature: 'oossa{sv}', ...answer },
    NotifyKeyboardKeysym: { inSignature: 'oa{sv}iu' },
  },
});

export class ImplScreenshot extends dbusInterface.Interface {
  version = 2;
  constructor(private readonly b: TestBackend) {
    super('org.freedesktop.impl.portal.Screenshot');
    unshadow(this);
  }
  Screenshot(handle: string) {
    return this.b.withRequest(handle, () => this.b.screenshot());
  }
}
ImplScreenshot.configureMembers({
  properties: { version: { signature: 'u', access: 'read' } },
  methods: { Screenshot: { inSignature: 'ossa{sv}', ...answer } },
});

export class ImplAccess extends dbusInterface.Interface {
  constructor(private readonly b: TestBackend) {
    super('org.freedesktop.impl.portal.Access');
    unshadow(this);
  }
  AccessDialog(handle: string) {
    return this.b.withRequest(handle, () => this.b.access());
  }
}
ImplAccess.configureMembers({
  methods: { AccessDialog: { inSignature: 'osssssa{sv}', ...answer } },
});

export const BACKEND_INTERFACES = [
  'org.freedesktop.impl.portal.RemoteDesktop',
  'org.freedesktop.impl.portal.Screenshot',
  'org.freedesktop.impl.portal.Access',
];

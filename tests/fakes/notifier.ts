// A Notifier that keeps the notices it was asked to show.
import type { Notice, Notifier } from '../../main/app/ports/notifier';

export class FakeNotifier implements Notifier {
  readonly notices: Notice[] = [];

  notify(notice: Notice): void {
    this.notices.push(notice);
  }
}

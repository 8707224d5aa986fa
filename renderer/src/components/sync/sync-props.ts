// What Settings → Sync's two states get from the section.
import type { SyncView } from '../../../../preload/contract';

export interface Props {
  view: SyncView;
  onView: (view: SyncView) => void;
  error: string | null;
  setError: (message: string | null) => void;
}

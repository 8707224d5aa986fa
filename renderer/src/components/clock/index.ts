// The clock components of issue 18, for the views to place (props only; the parent calls the
// bridge). See each file's header for where it belongs.
export { ClockCheckSettings } from './ClockCheckSettings';
export { ClockOffsetBanner } from './ClockOffsetBanner';
export { CodeNotAccepted } from './CodeNotAccepted';
export { EnrolClockWarning } from './EnrolClockWarning';
export type * from './types';

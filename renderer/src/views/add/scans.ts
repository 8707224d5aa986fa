// The Add view's scans: one started here (screen, region, image file, clipboard) or pushed by
// main (a scan from the tray menu or the scan hotkey, shown before the window). What a scan
// found becomes the candidates to choose from, or a sentence saying why there are none.
import { useState } from 'react';
import type { Result, ScanResult } from '../../../../preload/contract';
import { call } from '../../lib/api';

/** What a scan result means for the view: candidates to pick from, or a message; null when cancelled. */
export function describeScan(
  result: Result<ScanResult | null>,
): { scan?: ScanResult; message?: string } | null {
  if (!result.ok) return { message: result.error.message };
  if (!result.value) return null;
  if (result.value.candidates.length > 0) return { scan: result.value };
  return {
    message:
      result.value.otherCodes > 0
        ? 'The QR codes found are not two-step codes. Try Scan a region around the right one.'
        : 'No QR code found. Try Scan a region, or paste the link or secret below.',
  };
}

export function useScans(pushedScan: Result<ScanResult> | undefined) {
  const [scan, setScan] = useState<ScanResult | null>(null);
  const [scanMessage, setScanMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const showScan = (result: Result<ScanResult | null>) => {
    const shown = describeScan(result);
    if (shown?.scan) setScan(shown.scan);
    setScanMessage(shown?.message ?? null);
  };

  const runScan = async (run: () => Promise<Result<ScanResult | null>>) => {
    setBusy(true);
    setScanMessage(null);
    const result = await call(run);
    setBusy(false);
    showScan(result);
  };

  // A scan main ran before showing the window (tray menu, scan hotkey) arrives as a prop.
  const [shownPush, setShownPush] = useState<Result<ScanResult> | undefined>();
  if (pushedScan && pushedScan !== shownPush) {
    setShownPush(pushedScan);
    showScan(pushedScan);
  }

  return { scan, setScan, scanMessage, busy, runScan };
}

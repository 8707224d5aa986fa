// The tray window (window/Window.tsx) with its toasts, and the browser pairing prompt over it.
import { PairingPrompt } from './components/browser/PairingPrompt';
import { NotifyProvider } from './components/Toasts';
import { Window } from './window/Window';

export function App() {
  return (
    <NotifyProvider>
      <Window />
      <PairingPrompt />
    </NotifyProvider>
  );
}

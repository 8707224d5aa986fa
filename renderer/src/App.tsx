// The tray window. For now it only shows what it is; the codes list, add-account and settings
// views come with the tray window work (issue "The tray window").
export function App() {
  return (
    <main>
      <h1>TrayOTP</h1>
      <p>Your one-time codes will appear here.</p>
    </main>
  );
}

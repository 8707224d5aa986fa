// The frame of the windows built around the codes list (the list itself, the hotkey's picker,
// Bind a site): a title and the main navigation across the top, the rest below.
import type { ReactNode } from 'react';
import './window-frame.css';

export function WindowFrame({
  title,
  nav,
  children,
}: {
  title: string;
  /** The buttons of the main navigation. */
  nav: ReactNode;
  children: ReactNode;
}) {
  return (
    <main className="codes-window">
      <header className="app-header">
        <h1>{title}</h1>
        <nav aria-label="Main">{nav}</nav>
      </header>
      {children}
    </main>
  );
}

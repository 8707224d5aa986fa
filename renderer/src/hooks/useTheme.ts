// The theme setting on the document (styles/theme.css reads data-theme): "system" follows the
// system's light or dark, "light" and "dark" fix it.
import { useEffect } from 'react';

export function useTheme(theme: 'system' | 'light' | 'dark' | undefined) {
  useEffect(() => {
    document.documentElement.dataset.theme = theme ?? 'system';
  }, [theme]);
}

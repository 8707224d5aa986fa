// Toasts and the screen-reader announcer. Both live in polite live regions that exist from the
// first render (a region added together with its text is often not read out).
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import type { ReactNode } from 'react';
import './toasts.css';

export interface ToastInput {
  message: string;
  action?: { label: string; run: () => void };
  /** How long it stays; actions get longer so there is time to reach them. */
  ms?: number;
}

interface Toast extends ToastInput {
  id: number;
}

interface Notify {
  toast: (toast: ToastInput) => void;
  announce: (text: string) => void;
}

const NotifyContext = createContext<Notify>({ toast: () => {}, announce: () => {} });

export function useNotify(): Notify {
  return useContext(NotifyContext);
}

export function NotifyProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const [announcement, setAnnouncement] = useState('');
  const nextId = useRef(1);
  const timers = useRef(new Map<number, ReturnType<typeof setTimeout>>());

  const dismiss = useCallback((id: number) => {
    setToasts((list) => list.filter((t) => t.id !== id));
    const timer = timers.current.get(id);
    if (timer) clearTimeout(timer);
    timers.current.delete(id);
  }, []);

  const toast = useCallback(
    (input: ToastInput) => {
      const id = nextId.current++;
      setToasts((list) => [...list.slice(-2), { ...input, id }]);
      const ms = input.ms ?? (input.action ? 8_000 : 4_000);
      timers.current.set(
        id,
        setTimeout(() => dismiss(id), ms),
      );
    },
    [dismiss],
  );

  const announce = useCallback((text: string) => {
    // Clearing first makes a repeated sentence be read again.
    setAnnouncement('');
    requestAnimationFrame(() => setAnnouncement(text));
  }, []);

  useEffect(() => {
    const pending = timers.current;
    return () => {
      for (const timer of pending.values()) clearTimeout(timer);
    };
  }, []);

  const value = useMemo(() => ({ toast, announce }), [toast, announce]);

  return (
    <NotifyContext.Provider value={value}>
      {children}
      <div className="toasts" role="status" aria-live="polite" aria-label="Notifications">
        {toasts.map((t) => (
          <div className="toast" key={t.id}>
            <span>{t.message}</span>
            {t.action && (
              <button
                type="button"
                className="toast-action"
                onClick={() => {
                  t.action?.run();
                  dismiss(t.id);
                }}
              >
                {t.action.label}
              </button>
            )}
            <button
              type="button"
              className="toast-close"
              aria-label="Dismiss notification"
              onClick={() => dismiss(t.id)}
            >
              ×
            </button>
          </div>
        ))}
      </div>
      <div className="visually-hidden" aria-live="polite" aria-atomic="true">
        {announcement}
      </div>
    </NotifyContext.Provider>
  );
}

/* The four user32 exports the Windows ActiveWindow binds, with their Windows signatures, built as
 * a Linux shared library so the koffi declarations in main/platform/win32/active-window.ts are
 * exercised for real (HWND as a pointer, the DWORD out-parameter, the UTF-16 buffer and its
 * count). __stdcall does not exist on x64, where koffi ignores it. Driven by the fake_* calls. */
#include <stdint.h>
#include <string.h>

typedef struct {
  uint32_t pid;
  uint16_t title[8192];
  int length;
  int reported_length;
} FakeWindow;

static FakeWindow window;
static FakeWindow *foreground = 0;
static int last_max_count = -1;

void fake_show(uint32_t pid, const uint16_t *title, int reported_length) {
  int n = 0;
  while (title[n] && n < 8191) {
    window.title[n] = title[n];
    n++;
  }
  window.title[n] = 0;
  window.length = n;
  window.pid = pid;
  window.reported_length = reported_length < 0 ? n : reported_length;
  foreground = &window;
}

void fake_hide(void) { foreground = 0; }

int fake_last_max_count(void) { return last_max_count; }

void *GetForegroundWindow(void) { return foreground; }

uint32_t GetWindowThreadProcessId(void *hwnd, uint32_t *process_id) {
  if (!hwnd || hwnd != foreground) return 0;
  if (process_id) *process_id = window.pid;
  return 7; /* a thread id */
}

int GetWindowTextLengthW(void *hwnd) {
  return hwnd && hwnd == foreground ? window.reported_length : 0;
}

int GetWindowTextW(void *hwnd, uint16_t *buffer, int max_count) {
  last_max_count = max_count;
  if (!hwnd || hwnd != foreground || max_count <= 0) return 0;
  int n = window.length < max_count - 1 ? window.length : max_count - 1;
  memcpy(buffer, window.title, (size_t)n * sizeof(uint16_t));
  buffer[n] = 0;
  return n;
}

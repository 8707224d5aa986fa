/* The user32 and kernel32 clipboard exports the Windows clipboard adapter binds, with their
 * Windows signatures, built as a Linux shared library so the koffi declarations in
 * main/platform/win32/clipboard.ts are exercised for real (HANDLE/HWND/HGLOBAL as pointers, UINT,
 * SIZE_T, the UTF-16 format name, the bytes written through the locked pointer). Global memory
 * is malloc'd; the fake records what was set and which blocks were freed or leaked.
 * Driven by the fake_* calls. __stdcall does not exist on x64, where koffi ignores it. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define MAX_FORMATS 16
#define MAX_BLOCKS 64

typedef struct {
  size_t size;
  int locks;
  int freed;
  int owned_by_clipboard;
  unsigned char *data;
} Block;

static Block blocks[MAX_BLOCKS];
static int block_count;
static uint16_t names[MAX_FORMATS][64];
static int name_count;
static uint32_t set_formats[MAX_FORMATS];
static Block *set_data[MAX_FORMATS];
static int set_count;
static int open_now, busy_left, open_calls, close_calls, fail_alloc_at, fail_set_at, alloc_calls,
    set_calls, misuse;
static void *last_owner = (void *)1;
static uint32_t last_alloc_flags;

void fake_reset(int busy, int fail_alloc, int fail_set) {
  for (int i = 0; i < block_count; i++) free(blocks[i].data);
  memset(blocks, 0, sizeof blocks);
  block_count = name_count = set_count = 0;
  open_now = open_calls = close_calls = alloc_calls = set_calls = misuse = 0;
  busy_left = busy;
  fail_alloc_at = fail_alloc;
  fail_set_at = fail_set;
  last_owner = (void *)1;
}

int fake_open_calls(void) { return open_calls; }
int fake_close_calls(void) { return close_calls; }
int fake_misuse(void) { return misuse; }
int fake_owner_was_null(void) { return last_owner == 0; }
/* The owner window handle OpenClipboard received last, as an integer. */
uint64_t fake_last_owner(void) { return (uint64_t)(uintptr_t)last_owner; }
uint32_t fake_last_alloc_flags(void) { return last_alloc_flags; }
int fake_set_count(void) { return set_count; }
uint32_t fake_set_format(int i) { return i < set_count ? set_formats[i] : 0; }
size_t fake_set_size(int i) { return i < set_count ? set_data[i]->size : 0; }
int fake_set_byte(int i, int at) {
  return i < set_count && (size_t)at < set_data[i]->size ? set_data[i]->data[at] : -1;
}
/* Blocks neither freed nor handed to the clipboard, and blocks freed after the clipboard owned them. */
int fake_leaked(void) {
  int n = 0;
  for (int i = 0; i < block_count; i++) n += !blocks[i].freed && !blocks[i].owned_by_clipboard;
  return n;
}
int fake_freed(void) {
  int n = 0;
  for (int i = 0; i < block_count; i++) n += blocks[i].freed;
  return n;
}
/* The registered name of a format id, copied to out (UTF-16, NUL-terminated). */
void fake_format_name(uint32_t format, uint16_t *out) {
  out[0] = 0;
  if (format < 0xC000 || format >= 0xC000u + (uint32_t)name_count) return;
  memcpy(out, names[format - 0xC000], sizeof names[0]);
}

int OpenClipboard(void *owner) {
  open_calls++;
  last_owner = owner;
  if (busy_left > 0) {
    busy_left--;
    return 0;
  }
  if (open_now) misuse++;
  open_now = 1;
  return 1;
}

int EmptyClipboard(void) {
  if (!open_now) {
    misuse++;
    return 0;
  }
  set_count = 0;
  return 1;
}

int CloseClipboard(void) {
  close_calls++;
  if (!open_now) {
    misuse++;
    return 0;
  }
  open_now = 0;
  return 1;
}

uint32_t RegisterClipboardFormatW(const uint16_t *name) {
  for (int i = 0; i < name_count; i++) {
    int j = 0;
    while (names[i][j] && names[i][j] == name[j]) j++;
    if (names[i][j] == name[j]) return 0xC000 + i;
  }
  if (name_count == MAX_FORMATS) return 0;
  int j = 0;
  while (name[j] && j < 63) {
    names[name_count][j] = name[j];
    j++;
  }
  names[name_count][j] = 0;
  return 0xC000 + name_count++;
}

void *SetClipboardData(uint32_t format, void *memory) {
  Block *block = memory;
  if (++set_calls == fail_set_at) return 0;
  if (!open_now || !block || block->freed || block->locks || set_count == MAX_FORMATS) {
    misuse++;
    return 0;
  }
  block->owned_by_clipboard = 1;
  set_formats[set_count] = format;
  set_data[set_count++] = block;
  return memory;
}

void *GlobalAlloc(uint32_t flags, size_t bytes) {
  last_alloc_flags = flags;
  if (++alloc_calls == fail_alloc_at || block_count == MAX_BLOCKS) return 0;
  Block *block = &blocks[block_count++];
  block->size = bytes;
  block->data = calloc(bytes ? bytes : 1, 1);
  return block;
}

void *GlobalLock(void *memory) {
  Block *block = memory;
  if (!block || block->freed) {
    misuse++;
    return 0;
  }
  block->locks++;
  return block->data;
}

int GlobalUnlock(void *memory) {
  Block *block = memory;
  if (!block || block->locks <= 0) {
    misuse++;
    return 0;
  }
  return --block->locks;
}

void *GlobalFree(void *memory) {
  Block *block = memory;
  if (!block || block->freed || block->owned_by_clipboard) {
    misuse++;
    return memory;
  }
  block->freed = 1;
  return 0;
}

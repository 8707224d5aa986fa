/* The HIServices, Quartz Window Services and CoreFoundation exports the macOS ActiveWindow binds,
 * with Apple's C signatures (Boolean is an unsigned char, CFIndex a long, AXError an int32_t,
 * CFStringEncoding and CGWindowListOption uint32_t), built as a Linux shared library so the koffi
 * declarations in main/platform/macos/active-window.ts are exercised for real: out-parameters,
 * the float timeout, the UTF-8 buffer, the exported kCGWindow* key variables.
 *
 * CF's ownership rules are kept and checked: create/copy hand out +1 references; CFRelease of a
 * reference not owed, or any use of an object after its last release, counts as misuse. A window
 * list dies with its dictionaries and their values. Driven by the fake_* calls. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define UTF8 0x08000100u
#define SINT64 4
#define AX_SUCCESS 0
#define AX_ILLEGAL_ARGUMENT (-25201)
#define AX_API_DISABLED (-25211)
#define AX_NO_VALUE (-25212)

enum { T_STRING = 7, T_NUMBER = 22, T_DICT = 18, T_ARRAY = 19, T_ELEMENT = 100, T_SYSTEM = 101 };

typedef struct Obj {
  unsigned long type;
  int owed, fixture, dead;
  char *utf8;
  long units;
  int64_t number;
  struct Obj **items;
  long count;
  struct Obj *layer, *owner_name, *owner_pid;
  int32_t pid;
  struct Obj *focused_window, *title;
} Obj;

static Obj layer_key = {.type = T_STRING, .fixture = 1, .utf8 = "kCGWindowLayer", .units = 14};
static Obj name_key = {.type = T_STRING, .fixture = 1, .utf8 = "kCGWindowOwnerName", .units = 18};
static Obj pid_key = {.type = T_STRING, .fixture = 1, .utf8 = "kCGWindowOwnerPID", .units = 17};
const void *kCGWindowLayer = &layer_key;
const void *kCGWindowOwnerName = &name_key;
const void *kCGWindowOwnerPID = &pid_key;

static int trusted = 1, misuse = 0, owed = 0;
static float last_timeout = -1;
static uint32_t last_list_option = 0;
static Obj *focused_app = 0;
static struct {
  int32_t layer, pid;
  char *name;
} infos[16];
static int info_count = 0;

static Obj *make(unsigned long type, int fixture) {
  Obj *o = calloc(1, sizeof *o);
  o->type = type;
  o->fixture = fixture;
  return o;
}
static Obj *give(Obj *o) {
  o->owed++;
  owed++;
  return o;
}
static Obj *use(void *p) {
  Obj *o = p;
  if (!o || o->dead) {
    misuse++;
    return 0;
  }
  return o;
}
static Obj *string(const char *utf8, int fixture) {
  Obj *o = make(T_STRING, fixture);
  o->utf8 = strdup(utf8);
  for (const unsigned char *c = (const unsigned char *)utf8; *c; c++) {
    if ((*c & 0xc0) != 0x80) o->units += *c >= 0xf0 ? 2 : 1; /* 4-byte UTF-8: a surrogate pair */
  }
  return o;
}
static Obj *number(int64_t value) {
  Obj *o = make(T_NUMBER, 0);
  o->number = value;
  return o;
}
static void kill(Obj *o) {
  if (!o) return;
  o->dead = 1;
  for (long i = 0; i < o->count; i++) kill(o->items[i]);
  kill(o->layer);
  kill(o->owner_name);
  kill(o->owner_pid);
}

/* --- driving the fake (objects are leaked on purpose: a test process is short) --- */
void fake_reset(void) {
  trusted = 1;
  misuse = owed = info_count = 0;
  last_timeout = -1;
  last_list_option = 0;
  focused_app = 0;
}
void fake_set_trusted(int value) { trusted = value; }
/* The focused application `pid`; its focused window titled `title` (NULL: no focused window). */
void fake_focus(int32_t pid, const char *title) {
  focused_app = make(T_ELEMENT, 1);
  focused_app->pid = pid;
  if (title) {
    Obj *window = make(T_ELEMENT, 1);
    window->pid = pid;
    window->title = string(title, 1);
    focused_app->focused_window = window;
  }
}
/* One more on-screen window, behind the ones added before (name NULL: no kCGWindowOwnerName). */
void fake_add_window(int32_t layer, int32_t pid, const char *name) {
  infos[info_count].layer = layer;
  infos[info_count].pid = pid;
  infos[info_count].name = name ? strdup(name) : 0;
  info_count++;
}
int fake_owed(void) { return owed; }
int fake_misuse(void) { return misuse; }
float fake_last_timeout(void) { return last_timeout; }
uint32_t fake_last_list_option(void) { return last_list_option; }

/* --- HIServices --- */
unsigned char AXIsProcessTrusted(void) { return (unsigned char)trusted; }
void *AXUIElementCreateSystemWide(void) { return give(make(T_SYSTEM, 0)); }
int32_t AXUIElementSetMessagingTimeout(void *element, float seconds) {
  if (!use(element)) return AX_ILLEGAL_ARGUMENT;
  last_timeout = seconds;
  return AX_SUCCESS;
}
int32_t AXUIElementCopyAttributeValue(void *element, void *attribute, void **value) {
  Obj *e = use(element), *name = use(attribute), *result = 0;
  if (!e || !name || name->type != T_STRING || !value) return AX_ILLEGAL_ARGUMENT;
  if (!trusted) return AX_API_DISABLED;
  if (e->type == T_SYSTEM && !strcmp(name->utf8, "AXFocusedApplication")) result = focused_app;
  if (e->type == T_ELEMENT && !strcmp(name->utf8, "AXFocusedWindow")) result = e->focused_window;
  if (e->type == T_ELEMENT && !strcmp(name->utf8, "AXTitle")) result = e->title;
  if (!result) return AX_NO_VALUE;
  *value = give(result);
  return AX_SUCCESS;
}
int32_t AXUIElementGetPid(void *element, int32_t *pid) {
  Obj *e = use(element);
  if (!e || e->type != T_ELEMENT || !pid) return AX_ILLEGAL_ARGUMENT;
  *pid = e->pid;
  return AX_SUCCESS;
}

/* --- Quartz Window Services --- */
void *CGWindowListCopyWindowInfo(uint32_t option, uint32_t relative_to_window) {
  last_list_option = option;
  if (relative_to_window != 0) misuse++;
  Obj *list = make(T_ARRAY, 0);
  list->count = info_count;
  list->items = calloc((size_t)info_count + 1, sizeof(Obj *));
  for (int i = 0; i < info_count; i++) {
    Obj *info = make(T_DICT, 0);
    info->layer = number(infos[i].layer);
    info->owner_pid = number(infos[i].pid);
    info->owner_name = infos[i].name ? string(infos[i].name, 0) : 0;
    list->items[i] = info;
  }
  return give(list);
}

/* --- CoreFoundation --- */
void *CFStringCreateWithCString(void *allocator, const char *c_string, uint32_t encoding) {
  if (allocator || encoding != UTF8 || !c_string) {
    misuse++;
    return 0;
  }
  return give(string(c_string, 0));
}
unsigned long CFStringGetTypeID(void) { return T_STRING; }
unsigned long CFNumberGetTypeID(void) { return T_NUMBER; }
unsigned long CFGetTypeID(void *cf) {
  Obj *o = use(cf);
  return o ? o->type : 0;
}
long CFStringGetLength(void *string) {
  Obj *o = use(string);
  if (!o || o->type != T_STRING) return misuse++, 0;
  return o->units;
}
long CFStringGetMaximumSizeForEncoding(long length, uint32_t encoding) {
  return encoding == UTF8 ? length * 3 : -1;
}
unsigned char CFStringGetCString(void *string, char *buffer, long size, uint32_t encoding) {
  Obj *o = use(string);
  if (!o || o->type != T_STRING || encoding != UTF8 || !buffer) return misuse++, 0;
  size_t n = strlen(o->utf8);
  if ((long)n + 1 > size) return 0;
  memcpy(buffer, o->utf8, n + 1);
  return 1;
}
unsigned char CFNumberGetValue(void *number_ref, long type, int64_t *value) {
  Obj *o = use(number_ref);
  if (!o || o->type != T_NUMBER || type != SINT64 || !value) return misuse++, 0;
  *value = o->number;
  return 1;
}
long CFArrayGetCount(void *array) {
  Obj *o = use(array);
  if (!o || o->type != T_ARRAY) return misuse++, 0;
  return o->count;
}
const void *CFArrayGetValueAtIndex(void *array, long index) {
  Obj *o = use(array);
  if (!o || o->type != T_ARRAY || index < 0 || index >= o->count) return misuse++, (void *)0;
  return o->items[index];
}
const void *CFDictionaryGetValue(void *dictionary, const void *key) {
  Obj *o = use(dictionary);
  if (!o || o->type != T_DICT) return misuse++, (void *)0;
  if (key == kCGWindowLayer) return o->layer;
  if (key == kCGWindowOwnerName) return o->owner_name;
  if (key == kCGWindowOwnerPID) return o->owner_pid;
  return 0;
}
void CFRelease(void *cf) {
  Obj *o = use(cf);
  if (!o) return;
  if (o->owed <= 0) {
    misuse++;
    return;
  }
  o->owed--;
  owed--;
  if (!o->owed && !o->fixture) kill(o);
}

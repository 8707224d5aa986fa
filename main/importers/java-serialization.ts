// A reader for the subset of Java Object Serialization (the JDK's ObjectOutputStream format,
// "Java Object Serialization Specification", chapter 6) that FreeOTP 2 backups hold: one
// java.util.HashMap<String, String>. It reads class descriptors, primitive and String fields,
// strings (short and long), nulls, back-references and the block data a class's writeObject
// adds, and refuses anything else (arrays, enums, proxies) with a message naming it.
// Why hand-written: the one npm package for this (java-deserialization 0.1.0) is a single
// 2017 release without types or maintenance, and this subset is a small, well-specified part.

const MAGIC = 0xaced;
const VERSION = 5;
const TC = {
  NULL: 0x70,
  REFERENCE: 0x71,
  CLASSDESC: 0x72,
  OBJECT: 0x73,
  STRING: 0x74,
  ARRAY: 0x75,
  CLASS: 0x76,
  BLOCKDATA: 0x77,
  ENDBLOCKDATA: 0x78,
  RESET: 0x79,
  BLOCKDATALONG: 0x7a,
  EXCEPTION: 0x7b,
  LONGSTRING: 0x7c,
  PROXYCLASSDESC: 0x7d,
  ENUM: 0x7e,
} as const;
const BASE_HANDLE = 0x7e0000;
/**
 * Bounds for hostile streams. A FreeOTP backup nests two levels (HashMap → String) and its
 * classes have no serializable superclass; real Java hierarchies are a few classes deep.
 * Without them a class that is its own superclass loops forever and deep nesting overflows
 * the stack (issue 13).
 */
export const JAVA_LIMITS = {
  /** Objects, class descriptions and annotations nested inside each other. */
  maxDepth: 64,
  /** Classes in one superclass chain. */
  maxSuperclasses: 32,
  /** Objects, strings and classes in one stream (handles); a backup of 1,000 tokens has ~2,000. */
  maxHandles: 100_000,
} as const;
const SC_WRITE_METHOD = 0x01;
const SC_SERIALIZABLE = 0x02;
const SC_EXTERNALIZABLE = 0x04;

export class JavaSerializationError extends Error {
  override readonly name = 'JavaSerializationError';
}

interface FieldDesc {
  typeCode: string;
  name: string;
}

interface ClassDesc {
  name: string;
  flags: number;
  fields: FieldDesc[];
  superClass: ClassDesc | null;
}

/** One deserialised object: its class, field values, and what its writeObject appended. */
export interface JavaObject {
  className: string;
  fields: Map<string, JavaValue>;
  /** Block data (raw bytes) and objects written by the class's writeObject, in order. */
  annotations: JavaValue[];
}

export type JavaValue = string | number | bigint | boolean | null | Uint8Array | JavaObject;

class Reader {
  private offset = 0;
  private depth = 0;
  private readonly handles: unknown[] = [];
  private readonly view: DataView;

  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get done(): boolean {
    return this.offset >= this.bytes.length;
  }

  private need(count: number): number {
    if (this.offset + count > this.bytes.length) {
      throw new JavaSerializationError('The serialized data ends in the middle of a value.');
    }
    const at = this.offset;
    this.offset += count;
    return at;
  }

  u8 = () => this.view.getUint8(this.need(1));
  u16 = () => this.view.getUint16(this.need(2));
  i32 = () => this.view.getInt32(this.need(4));
  raw = (count: number) => this.bytes.subarray(this.need(count), this.offset);

  header(): void {
    if (this.bytes.length < 4 || this.u16() !== MAGIC || this.u16() !== VERSION) {
      throw new JavaSerializationError('This is not Java serialization data (no ACED0005 header).');
    }
  }

  /**
   * Modified UTF-8 (Java's DataOutput.writeUTF): UTF-16 units, NUL as two bytes. Units go into
   * a typed array (2 bytes each, at most one per byte read), not a JS array of numbers.
   */
  utf(length: number): string {
    const bytes = this.raw(length);
    const units = new Uint16Array(bytes.length);
    let count = 0;
    for (let i = 0; i < bytes.length;) {
      const a = bytes[i]!;
      if (a < 0x80) {
        units[count++] = a;
        i += 1;
      } else if ((a & 0xe0) === 0xc0 && i + 1 < bytes.length) {
        units[count++] = ((a & 0x1f) << 6) | (bytes[i + 1]! & 0x3f);
        i += 2;
      } else if ((a & 0xf0) === 0xe0 && i + 2 < bytes.length) {
        units[count++] =
          ((a & 0x0f) << 12) | ((bytes[i + 1]! & 0x3f) << 6) | (bytes[i + 2]! & 0x3f);
        i += 3;
      } else {
        throw new JavaSerializationError('A string is not valid modified UTF-8.');
      }
    }
    const parts: string[] = [];
    for (let i = 0; i < count; i += 4096) {
      parts.push(String.fromCharCode(...units.subarray(i, Math.min(i + 4096, count))));
    }
    return parts.join('');
  }

  private newHandle(value: unknown): number {
    if (this.handles.length >= JAVA_LIMITS.maxHandles) {
      throw new JavaSerializationError(
        `The data holds more than ${JAVA_LIMITS.maxHandles} objects; no FreeOTP backup is that large.`,
      );
    }
    this.handles.push(value);
    return this.handles.length - 1;
  }

  private reference(): unknown {
    const index = this.i32() - BASE_HANDLE;
    if (index < 0 || index >= this.handles.length) {
      throw new JavaSerializationError('A back-reference points to no earlier object.');
    }
    return this.handles[index];
  }

  /** Runs `read` one nesting level deeper, refusing streams nested past maxDepth. */
  private nested<T>(read: () => T): T {
    if (this.depth >= JAVA_LIMITS.maxDepth) {
      throw new JavaSerializationError(
        `The data is nested more than ${JAVA_LIMITS.maxDepth} levels deep; no FreeOTP backup is.`,
      );
    }
    this.depth++;
    try {
      return read();
    } finally {
      this.depth--;
    }
  }

  /** One content element: an object, a string, null, a reference or block data. */
  content(): JavaValue {
    return this.nested(() => this.contentHere());
  }

  private contentHere(): JavaValue {
    const tc = this.u8();
    switch (tc) {
      case TC.NULL:
        return null;
      case TC.REFERENCE: {
        const value = this.reference();
        if (value === undefined || isClassDesc(value)) {
          throw new JavaSerializationError(
            'A back-reference to a class stands where a value belongs.',
          );
        }
        return value as JavaValue;
      }
      case TC.STRING: {
        const text = this.utf(this.u16());
        this.newHandle(text);
        return text;
      }
      case TC.LONGSTRING: {
        const high = this.i32();
        const low = this.i32();
        if (high !== 0 || low < 0) throw new JavaSerializationError('A long string is too long.');
        const text = this.utf(low);
        this.newHandle(text);
        return text;
      }
      case TC.OBJECT:
        return this.object();
      case TC.BLOCKDATA:
        return this.raw(this.u8());
      case TC.BLOCKDATALONG: {
        const length = this.i32();
        if (length < 0) throw new JavaSerializationError('A block of data has a negative length.');
        return this.raw(length);
      }
      default:
        throw new JavaSerializationError(
          `The data holds a ${describeTc(tc)}, which this reader does not support.`,
        );
    }
  }

  private classDesc(): ClassDesc | null {
    return this.nested(() => this.classDescHere());
  }

  private classDescHere(): ClassDesc | null {
    const tc = this.u8();
    if (tc === TC.NULL) return null;
    if (tc === TC.REFERENCE) {
      const value = this.reference();
      if (!isClassDesc(value))
        throw new JavaSerializationError('A class reference points to a value.');
      return value;
    }
    if (tc !== TC.CLASSDESC) {
      throw new JavaSerializationError(`Expected a class description, found a ${describeTc(tc)}.`);
    }
    const name = this.utf(this.u16());
    this.raw(8); // serialVersionUID
    const desc: ClassDesc = { name, flags: 0, fields: [], superClass: null };
    this.newHandle(desc);
    desc.flags = this.u8();
    const count = this.u16();
    for (let i = 0; i < count; i += 1) {
      const typeCode = String.fromCharCode(this.u8());
      const fieldName = this.utf(this.u16());
      if (typeCode === 'L' || typeCode === '[') this.content(); // the field's class name
      desc.fields.push({ typeCode, name: fieldName });
    }
    this.skipAnnotations(); // classAnnotation
    desc.superClass = this.classDesc();
    return desc;
  }

  private skipAnnotations(): JavaValue[] {
    const values: JavaValue[] = [];
    for (;;) {
      if (this.bytes[this.offset] === TC.ENDBLOCKDATA) {
        this.offset += 1;
        return values;
      }
      values.push(this.content());
    }
  }

  private object(): JavaObject {
    const desc = this.classDesc();
    if (!desc) throw new JavaSerializationError('An object has no class description.');
    const object: JavaObject = { className: desc.name, fields: new Map(), annotations: [] };
    this.newHandle(object);
    const chain = superclassChain(desc);
    for (const c of chain) {
      if (c.flags & SC_EXTERNALIZABLE || !(c.flags & SC_SERIALIZABLE)) {
        throw new JavaSerializationError(
          `Class ${c.name} is externalizable; this reader cannot read it.`,
        );
      }
      for (const field of c.fields) object.fields.set(field.name, this.fieldValue(field.typeCode));
      if (c.flags & SC_WRITE_METHOD) object.annotations.push(...this.skipAnnotations());
    }
    return object;
  }

  private fieldValue(typeCode: string): JavaValue {
    switch (typeCode) {
      case 'B':
        return this.view.getInt8(this.need(1));
      case 'C':
        return String.fromCharCode(this.u16());
      case 'D':
        return this.view.getFloat64(this.need(8));
      case 'F':
        return this.view.getFloat32(this.need(4));
      case 'I':
        return this.i32();
      case 'J':
        return this.view.getBigInt64(this.need(8));
      case 'S':
        return this.view.getInt16(this.need(2));
      case 'Z':
        return this.u8() !== 0;
      case 'L':
      case '[':
        return this.content();
      default:
        throw new JavaSerializationError(`A field has the unknown type code "${typeCode}".`);
    }
  }
}

/**
 * The class and its superclasses, the topmost first. A back-reference can make a class its own
 * (indirect) superclass, which Java cannot write: refused, as is a chain no real class has.
 */
function superclassChain(desc: ClassDesc): ClassDesc[] {
  const chain: ClassDesc[] = [];
  const seen = new Set<ClassDesc>();
  for (let c: ClassDesc | null = desc; c; c = c.superClass) {
    if (seen.has(c)) {
      throw new JavaSerializationError(
        `Class ${c.name.slice(0, 80)} is its own superclass (a cycle); the data is damaged or forged.`,
      );
    }
    if (chain.length >= JAVA_LIMITS.maxSuperclasses) {
      throw new JavaSerializationError(
        `Class ${desc.name.slice(0, 80)} has more than ${JAVA_LIMITS.maxSuperclasses} superclasses; no real class has.`,
      );
    }
    seen.add(c);
    chain.unshift(c);
  }
  return chain;
}

function isClassDesc(value: unknown): value is ClassDesc {
  return typeof value === 'object' && value !== null && 'superClass' in value && 'flags' in value;
}

function describeTc(tc: number): string {
  const names: Record<number, string> = {
    [TC.ARRAY]: 'Java array',
    [TC.CLASS]: 'Java class object',
    [TC.ENUM]: 'Java enum constant',
    [TC.PROXYCLASSDESC]: 'proxy class',
    [TC.EXCEPTION]: 'serialized exception',
    [TC.RESET]: 'stream reset',
    [TC.ENDBLOCKDATA]: 'stray end-of-block marker',
  };
  return names[tc] ?? `byte 0x${tc.toString(16).padStart(2, '0')} that is no serialization tag`;
}

/** True when the bytes start like Java serialization data (ACED0005). */
export function isJavaSerialization(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 4 && bytes[0] === 0xac && bytes[1] === 0xed && bytes[2] === 0 && bytes[3] === 5
  );
}

/** The first object of a serialization stream. */
export function readJavaObject(bytes: Uint8Array): JavaValue {
  const reader = new Reader(bytes);
  reader.header();
  return reader.content();
}

/**
 * A serialized java.util.HashMap (or LinkedHashMap) whose keys and values are Strings.
 * HashMap.writeObject appends block data (int capacity, int size), then size key/value pairs.
 */
export function readStringMap(bytes: Uint8Array): Map<string, string> {
  const value = readJavaObject(bytes);
  if (!value || typeof value !== 'object' || !('className' in value)) {
    throw new JavaSerializationError('The data does not start with an object.');
  }
  if (value.className !== 'java.util.HashMap' && value.className !== 'java.util.LinkedHashMap') {
    throw new JavaSerializationError(`The data holds a ${value.className}, not a HashMap.`);
  }
  const [sizes, ...pairs] = value.annotations;
  if (!(sizes instanceof Uint8Array) || sizes.length < 8) {
    throw new JavaSerializationError('The HashMap has no size record.');
  }
  const size = new DataView(sizes.buffer, sizes.byteOffset, sizes.byteLength).getInt32(4);
  if (size < 0 || pairs.length !== size * 2) {
    throw new JavaSerializationError(
      `The HashMap says it holds ${size} entries but holds ${pairs.length / 2}.`,
    );
  }
  const map = new Map<string, string>();
  for (let i = 0; i < pairs.length; i += 2) {
    const key = pairs[i];
    const entry = pairs[i + 1];
    if (typeof key !== 'string' || typeof entry !== 'string') {
      throw new JavaSerializationError('The HashMap holds a key or value that is not a String.');
    }
    map.set(key, entry);
  }
  return map;
}

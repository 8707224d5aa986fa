// Cycles and deep nesting: structures a recursive reader follows forever or too deep. Java
// serialization (FreeOTP 2 backups) with a class that is its own superclass and objects nested
// 100k deep; protobuf (Google export links) with groups nested 100k deep; JSON and XML 100k deep.
import { bytesInput } from './input';
import type { HostileInput } from './input';
import {
  JAVA_HEADER,
  TC,
  javaString,
  migrationLink,
  migrationPayload,
  reference,
  utf,
} from './encoders';

const UID = Buffer.alloc(8, 1);
/** FreeOTP's detection wants a Java stream that mentions masterKey somewhere. */
const MASTER_KEY_MENTION = javaString('masterKey');

/** TC_OBJECT with a new class descriptor named `name` of one object field `n`. */
function selfNestingObjectStart(name: string, flags: number, superClass: Buffer): Buffer {
  return Buffer.concat([
    Buffer.from([TC.OBJECT, TC.CLASSDESC]),
    utf(name),
    UID,
    Buffer.from([flags, 0x00, 0x01]),
    Buffer.from('L', 'latin1'),
    utf('n'),
    javaString(`L${name};`),
    Buffer.from([TC.ENDBLOCKDATA]),
    superClass,
  ]);
}

function javaCycles(): HostileInput[] {
  const input = (name: string, content: () => Buffer) =>
    bytesInput(`cycles/${name}`, ['import'], 'externalBackup.xml', content, 'test');
  return [
    // The class descriptor (handle 0) names itself as its superclass: an endless class chain.
    input('java-class-is-its-own-superclass', () =>
      Buffer.concat([
        JAVA_HEADER,
        Buffer.from([TC.OBJECT, TC.CLASSDESC]),
        utf('java.util.HashMap'),
        UID,
        Buffer.from([0x03, 0x00, 0x00, TC.ENDBLOCKDATA]),
        reference(0),
        MASTER_KEY_MENTION,
      ]),
    ),
    // Two descriptors that are each other's superclass (A → B → A).
    input('java-two-classes-superclass-loop', () =>
      Buffer.concat([
        JAVA_HEADER,
        Buffer.from([TC.OBJECT, TC.CLASSDESC]),
        utf('A'),
        UID,
        Buffer.from([0x02, 0x00, 0x00, TC.ENDBLOCKDATA, TC.CLASSDESC]),
        utf('B'),
        UID,
        Buffer.from([0x02, 0x00, 0x00, TC.ENDBLOCKDATA]),
        reference(0),
        MASTER_KEY_MENTION,
      ]),
    ),
    // An object whose field holds a back-reference to the object itself (legal Java: fine).
    input('java-object-field-refers-to-itself', () =>
      Buffer.concat([
        JAVA_HEADER,
        selfNestingObjectStart('N', 0x02, Buffer.from([TC.NULL])),
        reference(2), // handles: 0 class, 1 its field's type string, 2 the object
        MASTER_KEY_MENTION,
      ]),
    ),
  ];
}

function javaNesting(depth: number): Buffer {
  const nested = Buffer.concat([Buffer.from([TC.OBJECT]), reference(0)]);
  return Buffer.concat([
    JAVA_HEADER,
    selfNestingObjectStart('N', 0x02, Buffer.from([TC.NULL])),
    Buffer.concat(Array<Buffer>(depth).fill(nested)),
    Buffer.from([TC.NULL]),
    MASTER_KEY_MENTION,
  ]);
}

/** A protobuf group (wire type 3/4) of field 15 nested `depth` deep: unknown, so skipped. */
function nestedGroups(depth: number): Buffer {
  return Buffer.concat([Buffer.alloc(depth, (15 << 3) | 3), Buffer.alloc(depth, (15 << 3) | 4)]);
}

/** Length-delimited unknown field 15 holding itself `depth` times (a message in a message). */
function nestedMessages(depth: number): Buffer {
  let inner = Buffer.alloc(0);
  for (let i = 0; i < depth; i++) {
    const header = [(15 << 3) | 2];
    let length = inner.length;
    do {
      header.push((length & 0x7f) | (length > 0x7f ? 0x80 : 0));
      length >>>= 7;
    } while (length > 0);
    inner = Buffer.concat([Buffer.from(header), inner]);
  }
  return inner;
}

function protobufNesting(): HostileInput[] {
  const link = (name: string, extra: Buffer) => {
    const text = migrationLink(migrationPayload({ extra }));
    return [
      bytesInput(`nesting/${name}`, ['migration', 'import'], 'export.txt', () => `${text}\n`),
    ];
  };
  return [
    ...link('protobuf-groups-10k-deep', nestedGroups(10_000)),
    ...link('protobuf-groups-100k-deep', nestedGroups(100_000)),
    ...link('protobuf-unknown-message-2k-deep', nestedMessages(2_000)),
  ];
}

export function cycleInputs(): HostileInput[] {
  return [...javaCycles(), ...protobufNesting()];
}

export function nestingInputs(): HostileInput[] {
  const json = (name: string, text: () => string) =>
    bytesInput(`nesting/${name}`, ['import', 'directory'], 'backup.json', text);
  const xml = (name: string, text: () => string) =>
    bytesInput(`nesting/${name}`, ['import'], 'tokens.xml', text);
  const deep = 100_000;
  return [
    json('json-arrays-100k-deep', () => `${'['.repeat(deep)}${']'.repeat(deep)}`),
    json('json-objects-100k-deep', () => `${'{"a":'.repeat(deep)}1${'}'.repeat(deep)}`),
    json(
      'json-aegis-db-100k-deep',
      () =>
        `{"version":1,"header":{"slots":null,"params":null},"db":{"version":2,"entries":${'['.repeat(deep)}${']'.repeat(deep)}}}`,
    ),
    json(
      'json-proton-pass-vault-items-100k-deep',
      () => `{"vaults":{"v":{"name":"x","items":[${'['.repeat(deep)}${']'.repeat(deep)}]}}}`,
    ),
    bytesInput(
      'nesting/java-objects-100k-deep',
      ['import'],
      'externalBackup.xml',
      () => javaNesting(deep),
      'test',
    ),
    bytesInput(
      'nesting/java-objects-10k-deep',
      ['import'],
      'externalBackup.xml',
      () => javaNesting(10_000),
      'test',
    ),
    xml(
      'xml-elements-100k-deep',
      () =>
        `<?xml version='1.0' encoding='utf-8' standalone='yes' ?>\n<map>${'<a>'.repeat(deep)}${'</a>'.repeat(deep)}<string name="tokenOrder">[]</string></map>\n`,
    ),
    xml(
      'xml-string-element-nested-100k',
      () =>
        `<?xml version='1.0' encoding='utf-8' standalone='yes' ?>\n<map><string name="com.authy.storage.tokens.authenticator.key">${'<string name="x">'.repeat(deep)}${'</string>'.repeat(deep)}</string></map>\n`,
    ),
    xml('xml-billion-laughs', () => {
      const entities = ['<!ENTITY l0 "lololololololololol">'];
      for (let i = 1; i <= 9; i++) entities.push(`<!ENTITY l${i} "${`&l${i - 1};`.repeat(10)}">`);
      return `<?xml version="1.0"?>\n<!DOCTYPE map [${entities.join('')}]>\n<map><string name="tokenOrder">&l9;</string></map>\n`;
    }),
  ];
}

import { SOCKET_PARSER, toWire } from './socket-parser';

const BIN_8 = 0xc4;

function encodedEvent(value: unknown): Uint8Array {
  // The package's typings say one buffer; socket.io's parser interface (and the code) answer a list.
  const encoded = new SOCKET_PARSER.Encoder().encode({ type: 2, nsp: '/collab', data: ['update', { update: value }] });
  const [frame] = encoded as unknown as Uint8Array[];
  return new Uint8Array(frame);
}

function decodedEvent(frame: Uint8Array): { update: unknown } {
  const decoder = new SOCKET_PARSER.Decoder();
  let decoded: { data: [string, { update: unknown }] } | undefined;
  decoder.on('decoded', (packet: { data: [string, { update: unknown }] }) => (decoded = packet));
  decoder.add(Buffer.from(frame)); // as the server receives a frame in Node.js
  if (!decoded) throw new Error('nothing decoded');
  return decoded.data[1];
}

describe('toWire', () => {
  it('hands Node.js a Buffer, which MessagePack writes as plain binary and reads back as the same bytes', () => {
    const bytes = new Uint8Array([1, 2, 3, 250]);
    const frame = encodedEvent(toWire(bytes));
    expect([...frame]).toEqual(expect.arrayContaining([BIN_8, 4, 1, 2, 3, 250]));
    expect([...new Uint8Array(decodedEvent(frame).update as Uint8Array)]).toEqual([1, 2, 3, 250]);
  });

  it('keeps only the bytes of a view into a larger buffer, without copying a whole array', () => {
    const whole = new Uint8Array([9, 9, 5, 6, 7, 9]);
    const view = whole.subarray(2, 5);
    const wire = toWire(view) as Uint8Array;
    expect([...wire]).toEqual([5, 6, 7]);
    expect(wire.buffer).toBe(whole.buffer);
    expect([...new Uint8Array(decodedEvent(encodedEvent(wire)).update as Uint8Array)]).toEqual([5, 6, 7]);
  });

  it('is needed: a bare Uint8Array would go out as an extension type, not as binary', () => {
    const frame = encodedEvent(new Uint8Array([1, 2, 3, 250]));
    expect([...frame]).not.toEqual(expect.arrayContaining([BIN_8, 4, 1, 2, 3, 250]));
  });
});

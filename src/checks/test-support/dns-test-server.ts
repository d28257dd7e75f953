import dgram from 'node:dgram';
import type { AddressInfo } from 'node:net';

/** What the server answers for one name; names it does not know get NXDOMAIN. */
export interface TestZoneEntry {
  A?: string[];
  TXT?: string[];
  /** Answer with this response code and no records (2 SERVFAIL, 5 REFUSED). */
  rcode?: number;
  /** Never answer, so the client runs into its timeout. */
  silent?: boolean;
}

const TYPE_A = 1;
const TYPE_TXT = 16;

export interface TestDnsServer {
  /** `127.0.0.1:<port>`, ready for a dns check's `server` option. */
  address: string;
  queries: { name: string; type: number }[];
  close(): Promise<void>;
}

/**
 * A UDP DNS server on 127.0.0.1 that answers A and TXT questions from a fixed
 * zone with hand-built packets (RFC 1035 section 4), so tests never leave the machine.
 */
export async function startTestDnsServer(zone: Record<string, TestZoneEntry>): Promise<TestDnsServer> {
  const socket = dgram.createSocket('udp4');
  const queries: { name: string; type: number }[] = [];
  socket.on('message', (query, peer) => {
    const { name, type, questionEnd } = readQuestion(query);
    queries.push({ name, type });
    const entry = zone[name.toLowerCase()];
    if (entry?.silent) return;
    const records = type === TYPE_A ? (entry?.A ?? []).map(addressData) : type === TYPE_TXT ? (entry?.TXT ?? []).map(textData) : [];
    const rcode = entry ? (entry.rcode ?? 0) : 3;
    const header = Buffer.alloc(12);
    header.writeUInt16BE(query.readUInt16BE(0), 0);
    header.writeUInt16BE(0x8180 | rcode, 2); // response, recursion desired and available
    header.writeUInt16BE(1, 4);
    header.writeUInt16BE(rcode === 0 ? records.length : 0, 6);
    const answers = rcode === 0 ? records.map((data) => answer(type, data)) : [];
    socket.send(Buffer.concat([header, query.subarray(12, questionEnd), ...answers]), peer.port, peer.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const { port } = socket.address() as AddressInfo;
  return {
    address: `127.0.0.1:${port}`,
    queries,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}

function readQuestion(packet: Buffer): { name: string; type: number; questionEnd: number } {
  const labels: string[] = [];
  let offset = 12;
  while (packet[offset]! > 0) {
    const length = packet[offset]!;
    labels.push(packet.toString('ascii', offset + 1, offset + 1 + length));
    offset += 1 + length;
  }
  const type = packet.readUInt16BE(offset + 1);
  return { name: labels.join('.'), type, questionEnd: offset + 5 };
}

function answer(type: number, data: Buffer): Buffer {
  const head = Buffer.alloc(12);
  head.writeUInt16BE(0xc00c, 0); // name: pointer to the question's name
  head.writeUInt16BE(type, 2);
  head.writeUInt16BE(1, 4); // class IN
  head.writeUInt32BE(60, 6); // TTL
  head.writeUInt16BE(data.length, 10);
  return Buffer.concat([head, data]);
}

const addressData = (ip: string): Buffer => Buffer.from(ip.split('.').map(Number));
const textData = (text: string): Buffer => Buffer.concat([Buffer.from([Buffer.byteLength(text)]), Buffer.from(text)]);

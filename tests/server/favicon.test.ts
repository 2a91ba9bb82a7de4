// /favicon.ico is served (every page used to log a 404 for it): a real ICO with a 32×32 PNG inside.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PNG } from 'pngjs';
import { startServer } from '../helpers/server.ts';
import type { TestServer } from '../helpers/server.ts';

let server: TestServer;
beforeAll(async () => { server = await startServer(); });
afterAll(async () => { await server.close(); });

describe('favicon', () => {
  it('answers an ICO holding a 32×32 image', async () => {
    const res = await fetch(`${server.url}/favicon.ico`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/x-icon');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([bytes.readUInt16LE(0), bytes.readUInt16LE(2), bytes.readUInt16LE(4)]).toEqual([0, 1, 1]);
    const offset = bytes.readUInt32LE(18);
    expect(offset + bytes.readUInt32LE(14)).toBe(bytes.length);
    const image = PNG.sync.read(bytes.subarray(offset));
    expect([image.width, image.height]).toEqual([32, 32]);
    // Not blank: brand blue and white both present.
    const colours = new Set<string>();
    for (let i = 0; i < image.data.length; i += 4) if (image.data[i + 3] === 255) colours.add(`${image.data[i]},${image.data[i + 1]},${image.data[i + 2]}`);
    expect(colours).toEqual(new Set(['11,61,145', '255,255,255']));
  });
});

// QR codes and device links opened from the server's own browser (http://127.0.0.1:…) must not
// point at 127.0.0.1: without a public address they use the server's LAN address; the admin API
// says whether links would still carry a loopback address (the admin tab's banner).
import { afterEach, describe, expect, it } from 'vitest';
import { isLoopbackHost, reachableOrigin } from '@core/lan-origin.ts';
import type { LinkAddress } from '@core/protocol.ts';
import { startBanner } from '../../server/start-banner.ts';
import { must, startServer } from '../helpers/server.ts';
import type { TestServer } from '../helpers/server.ts';

let server: TestServer | null = null;
afterEach(async () => { await server?.close(); server = null; });

const LAN = '192.0.2.10';

describe('core/lan-origin', () => {
  it('knows loopback hosts and swaps only them', () => {
    for (const h of ['localhost', '127.0.0.1', '127.1.2.3', '::1', '[::1]', 'LOCALHOST', '0.0.0.0']) expect(isLoopbackHost(h), h).toBe(true);
    for (const h of ['192.168.1.10', 'queue.example.vn', '10.0.0.1', '::ffff:c000:20a']) expect(isLoopbackHost(h), h).toBe(false);
    expect(reachableOrigin('http://127.0.0.1:3000', LAN)).toBe(`http://${LAN}:3000`);
    expect(reachableOrigin('http://localhost', LAN)).toBe(`http://${LAN}`);
    expect(reachableOrigin('http://192.168.1.5:3000', LAN)).toBe('http://192.168.1.5:3000');
    expect(reachableOrigin('http://127.0.0.1:3000', null)).toBe('http://127.0.0.1:3000');
  });
});

describe('links and QR codes', () => {
  it('with no public address, a device link and a ticket QR made at 127.0.0.1 use the LAN address', async () => {
    server = await startServer({ lanAddress: LAN });
    const port = new URL(server.url).port;
    const admin = await server.login('admin');
    const created = await fetch(`${server.url}/api/admin/devices`, {
      method: 'POST', headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'kiosk', name: 'Kiosk mới' }),
    });
    const link = ((await created.json()) as { data: { link: string } }).data.link;
    expect(link.startsWith(`http://${LAN}:${port}/kiosk#device=`)).toBe(true);
    const kiosk = await server.device('kiosk1');
    const issued = await must(kiosk, 'ticket:issue', { serviceCode: 'DATDAI', requestId: 'lan-link-0001' });
    expect(issued.statusUrl).toBe(`http://${LAN}:${port}${issued.statusPath}`);
    const address = await fetch(`${server.url}/api/admin/address`, { headers: { authorization: `Bearer ${admin}` } });
    expect(((await address.json()) as { data: LinkAddress }).data).toEqual({ base: `http://${LAN}:${port}`, loopback: false, publicUrl: null, lanAddress: LAN });
  });

  it('with no LAN address either, the admin API says links would carry a loopback address', async () => {
    server = await startServer();
    const admin = await server.login('admin');
    const address = await fetch(`${server.url}/api/admin/address`, { headers: { authorization: `Bearer ${admin}` } });
    expect(((await address.json()) as { data: LinkAddress }).data).toMatchObject({ base: server.url, loopback: true, lanAddress: null });
  });
});

describe('the start banner (npm start)', () => {
  const banner = (over: Partial<Parameters<typeof startBanner>[0]>) => startBanner({
    base: 'http://localhost:3000', credentials: null, lanBases: [], listensOnLan: true, host: '0.0.0.0', publicUrl: null, dataDir: '/srv/luot', ...over,
  }).join('\n');

  it('prints the LAN addresses devices use, and the pages at the first of them', () => {
    const text = banner({ base: `http://${LAN}:3000`, lanBases: [`http://${LAN}:3000`, 'http://198.51.100.7:3000'] });
    expect(text).toContain(`LAN addresses: http://${LAN}:3000, http://198.51.100.7:3000`);
    expect(text).toContain(`http://${LAN}:3000/kiosk`);
    expect(text).not.toContain('localhost');
  });

  it('says why there is none: listening on this machine only, or no LAN address (set PUBLIC_URL)', () => {
    expect(banner({ listensOnLan: false, host: '127.0.0.1' })).toContain('Only this machine can connect (HOST=127.0.0.1)');
    expect(banner({})).toContain('No LAN address found: QR codes would point at this machine; set PUBLIC_URL.');
    expect(banner({ publicUrl: 'https://hcc.example.vn', base: 'https://hcc.example.vn' })).not.toContain('No LAN address');
  });
});

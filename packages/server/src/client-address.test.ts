import { describe, expect, it } from 'vitest';

import { clientAddressOf } from './client-address';

describe('the client address', () => {
  it('is the connection’s own address by default, whatever the request claims', () => {
    expect(clientAddressOf('203.0.113.7', '198.51.100.1', 0)).toBe('203.0.113.7');
    expect(clientAddressOf('::ffff:127.0.0.1', '10.0.0.1, 10.0.0.2', 0)).toBe('127.0.0.1');
    expect(clientAddressOf('::1', undefined, 0)).toBe('::1');
    expect(clientAddressOf(undefined, '198.51.100.1', 0)).toBeNull();
  });

  it('behind N trusted proxies is the N-th entry of X-Forwarded-For from the right', () => {
    // The client forged the first entry; proxy 1 appended the client, proxy 2 appended proxy 1.
    const header = '6.6.6.6, 198.51.100.23, 10.1.0.5';
    expect(clientAddressOf('10.2.0.9', header, 1)).toBe('10.1.0.5');
    expect(clientAddressOf('10.2.0.9', header, 2)).toBe('198.51.100.23');
    expect(clientAddressOf('10.2.0.9', header, 3)).toBe('6.6.6.6');
  });

  it('takes the leftmost entry when the request passed fewer proxies than configured', () => {
    expect(clientAddressOf('10.2.0.9', '198.51.100.23', 2)).toBe('198.51.100.23');
  });

  it('falls back to the connection without a usable X-Forwarded-For', () => {
    expect(clientAddressOf('10.2.0.9', undefined, 1)).toBe('10.2.0.9');
    expect(clientAddressOf('10.2.0.9', ' , ', 1)).toBe('10.2.0.9');
    expect(clientAddressOf('10.2.0.9', 'not-an-address', 1)).toBe('10.2.0.9');
    expect(clientAddressOf('10.2.0.9', 'unknown, <script>', 1)).toBe('10.2.0.9');
  });

  it('reads addresses as proxies write them: ports, brackets, IPv6, IPv4-mapped', () => {
    expect(clientAddressOf('10.2.0.9', '198.51.100.23:51234', 1)).toBe('198.51.100.23');
    expect(clientAddressOf('10.2.0.9', '[2001:db8::7]:443', 1)).toBe('2001:db8::7');
    expect(clientAddressOf('10.2.0.9', '2001:db8::7', 1)).toBe('2001:db8::7');
    expect(clientAddressOf('10.2.0.9', '::ffff:198.51.100.23', 1)).toBe('198.51.100.23');
  });
});

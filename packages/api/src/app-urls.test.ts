import { describe, expect, it } from 'vitest';

import { appUrlForRequest } from './app-urls';

describe('an app URL as the person reaches it', () => {
  it('keeps the loopback name typed, with the configured port', () => {
    expect(appUrlForRequest('http://localhost:3000', '127.0.0.1:3001')).toBe(
      'http://127.0.0.1:3000',
    );
    expect(appUrlForRequest('http://localhost:3001/', '[::1]:3000')).toBe('http://[::1]:3001');
    expect(appUrlForRequest('http://127.0.0.1:3000', 'localhost:3001')).toBe(
      'http://localhost:3000',
    );
  });

  it('uses any other URL exactly as configured, whatever the Host header says', () => {
    expect(appUrlForRequest('https://portal.example.com/', '127.0.0.1')).toBe(
      'https://portal.example.com',
    );
    expect(appUrlForRequest('http://localhost:3000', 'evil.example')).toBe('http://localhost:3000');
    expect(appUrlForRequest('http://localhost:3000', null)).toBe('http://localhost:3000');
    expect(appUrlForRequest('http://localhost:3000', 'bad host')).toBe('http://localhost:3000');
  });
});

import type { Request } from 'express';
import { cookieOptions, markSecureCookies } from '../../../apps/api/src/web/support/web-session';

describe('cookies', () => {
  const plain = { secure: false, cookies: {} } as unknown as Request;

  it('are Secure whenever the configured public address is HTTPS, even behind a plain-HTTP hop', () => {
    const req = { secure: false, cookies: {} } as unknown as Request;
    markSecureCookies(req, 'https://ttg.example.gov.uk');
    expect(cookieOptions(req)).toMatchObject({ secure: true, httpOnly: true, sameSite: 'lax' });
  });

  it('follow the connection otherwise', () => {
    const req = { secure: false, cookies: {} } as unknown as Request;
    markSecureCookies(req, undefined);
    expect(cookieOptions(req).secure).toBe(false);
    expect(cookieOptions(plain).secure).toBe(false);
    expect(cookieOptions({ secure: true } as unknown as Request).secure).toBe(true);
  });
});

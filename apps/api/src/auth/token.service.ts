import { Injectable, Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { createRemoteJWKSet, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { Settings } from '../common/settings';

const ISSUER = 'ttg';
/** The issuer of a password-change token: never accepted as an access token (verify checks ISSUER). */
const PASSWORD_CHANGE_ISSUER = 'ttg-password-change';

/** Issues short-lived HS256 access tokens; verifies them and, when configured, OIDC tokens. */
@Injectable()
export class TokenService {
  private readonly logger = new Logger(TokenService.name);
  private readonly secret: Uint8Array;
  private readonly jwks?: ReturnType<typeof createRemoteJWKSet>;

  constructor(private readonly settings: Settings) {
    const { auth } = settings.config;
    if (auth.jwtSecret) {
      this.secret = new TextEncoder().encode(auth.jwtSecret);
    } else {
      this.secret = randomBytes(32);
      this.logger.warn('JWT_SECRET not set: tokens are signed with a per-process key and end with this process');
    }
    if (auth.oidc) {
      const jwksUrl = auth.oidc.jwksUrl ?? `${auth.oidc.issuer.replace(/\/$/, '')}/.well-known/jwks.json`;
      this.jwks = createRemoteJWKSet(new URL(jwksUrl));
    }
  }

  /** A token for the user at their current token version (sign-out and deactivation move it on). */
  async issue(user: { id: string; tokenVersion: number }): Promise<{ accessToken: string; expiresIn: number; tokenType: 'Bearer' }> {
    const ttl = this.settings.config.auth.jwtTtlSeconds;
    const accessToken = await new SignJWT({ tv: user.tokenVersion })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(user.id)
      .setIssuer(ISSUER)
      .setIssuedAt()
      .setExpirationTime(`${ttl}s`)
      .sign(this.secret);
    return { accessToken, expiresIn: ttl, tokenType: 'Bearer' };
  }

  /** Ten minutes in which a user signed in with a temporary password may choose their own, and nothing else. */
  issuePasswordChange(user: { id: string; tokenVersion: number }): Promise<string> {
    return new SignJWT({ tv: user.tokenVersion }).setProtectedHeader({ alg: 'HS256' }).setSubject(user.id).setIssuer(PASSWORD_CHANGE_ISSUER).setIssuedAt().setExpirationTime('10m').sign(this.secret);
  }

  async verifyPasswordChange(token: string): Promise<{ userId: string; tokenVersion: number } | null> {
    try {
      const { payload } = await jwtVerify<JWTPayload & { tv?: unknown }>(token, this.secret, { issuer: PASSWORD_CHANGE_ISSUER, algorithms: ['HS256'] });
      return payload.sub && typeof payload.tv === 'number' ? { userId: payload.sub, tokenVersion: payload.tv } : null;
    } catch {
      return null;
    }
  }

  /** Returns who the token names: our own subject (a user id, with the token version it was issued at) or an OIDC username. */
  async verify(token: string): Promise<{ userId?: string; tokenVersion?: number; username?: string } | null> {
    try {
      const { payload } = await jwtVerify<JWTPayload & { tv?: unknown }>(token, this.secret, { issuer: ISSUER, algorithms: ['HS256'] });
      return payload.sub && typeof payload.tv === 'number' ? { userId: payload.sub, tokenVersion: payload.tv } : null;
    } catch {
      // fall through to OIDC
    }
    const oidc = this.settings.config.auth.oidc;
    if (!this.jwks || !oidc) return null;
    try {
      const { payload } = await jwtVerify<JWTPayload & { preferred_username?: string }>(token, this.jwks, {
        issuer: oidc.issuer,
        audience: oidc.audience,
      });
      const username = payload.preferred_username ?? payload.sub;
      return username ? { username } : null;
    } catch {
      return null;
    }
  }
}

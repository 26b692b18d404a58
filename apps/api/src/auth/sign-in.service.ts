import { Injectable } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { randomBytes } from 'node:crypto';
import type { UserEntity } from '@ttg/persistence';
import { hashPassword, verifyPassword } from '@ttg/persistence/password';
import { UserRepository } from './user.repository';

/** Failed sign-ins allowed in a minute: for one account (from anywhere), and from one address (to any account). */
export const SIGN_IN_LIMITS = { perAccount: 10, perAddress: 30, windowMs: 60_000 } as const;

/**
 * Signing in with the built-in identity provider, for the API and the sign-in page alike:
 * - an unknown username costs the same Argon2 verification as a wrong password, so the answer's
 *   timing does not tell which usernames exist;
 * - failed attempts are limited per account and per address (429), so neither guessing one
 *   account's password from many addresses nor trying many accounts from one address goes far.
 * The counts are this process's (a few API processes multiply the limits by their number).
 */
@Injectable()
export class SignInService {
  private readonly failures = new Map<string, number[]>();
  private dummyHash?: Promise<string>;

  constructor(private readonly users: UserRepository) {}

  /** The user, or null when the username or password is not right; throws ThrottlerException (429) past a limit. */
  async authenticate(username: string, password: string, address: string): Promise<UserEntity | null> {
    const keys = [`account:${username.toLowerCase()}`, `address:${address}`];
    const now = Date.now();
    if (this.count(keys[0], now) >= SIGN_IN_LIMITS.perAccount || this.count(keys[1], now) >= SIGN_IN_LIMITS.perAddress) throw new ThrottlerException();
    const user = await this.users.findByUsername(username);
    this.dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
    const ok = await verifyPassword(user?.passwordHash ?? (await this.dummyHash), password);
    if (user && user.passwordHash && ok) return user;
    for (const key of keys) this.failures.set(key, [...(this.failures.get(key) ?? []), now]);
    return null;
  }

  /** The user a password-change token names, while they still must replace a temporary password. */
  async mustChangePassword(userId: string, tokenVersion: number): Promise<UserEntity | null> {
    const user = await this.users.findById(userId);
    return user && user.mustChangePassword && user.tokenVersion === tokenVersion ? user : null;
  }

  /** Their own password in place of a temporary one. */
  async choosePassword(userId: string, password: string): Promise<void> {
    await this.users.setPassword(userId, await hashPassword(password), false);
  }

  /** Ends every session of the user (the API's and the pages' sign-out). */
  signOut(userId: string): Promise<void> {
    return this.users.revokeSessions(userId);
  }

  private count(key: string, now: number): number {
    const recent = (this.failures.get(key) ?? []).filter((t) => t > now - SIGN_IN_LIMITS.windowMs);
    if (recent.length > 0) this.failures.set(key, recent);
    else this.failures.delete(key);
    return recent.length;
  }
}

import { opaque, uuid } from './ids';
import { signJwt, verifyJwt } from './jwt';

/** A NextAuth-like browser session (one per /__sim/login). */
export interface Session {
  id: string;
  cookie: string;
  loggedOut: boolean;
  accessToken: string | null;
}

/** The simulated account. */
export const SIM_USER = {
  id: 'user-SimUser0000000000000001',
  name: 'Sim User',
  email: 'sim.user@example.com',
  image: 'https://s.gravatar.com/avatar/sim?s=480&r=pg&d=identicon',
};

/** Why a bearer token was refused, or 'ok'. */
export type BearerVerdict = 'ok' | 'missing' | 'invalid';

/** Sessions, access tokens and the server-side signed-in flag. */
export class AuthState {
  /** Server-side account state: false after signOut() until signIn() or a new login. */
  signedIn = true;
  readonly deviceIds = new Set<string>();
  private readonly sessions = new Map<string, Session>();
  private readonly tokens = new Map<string, { sid: string; expMs: number }>();
  private last: string | null = null;

  constructor(private readonly secret: Buffer) {}

  /** Creates a new session (the user logged in). */
  login(): Session {
    const s: Session = { id: uuid(), cookie: opaque(32), loggedOut: false, accessToken: null };
    this.sessions.set(s.cookie, s);
    this.signedIn = true;
    return s;
  }

  /** Forgets one session cookie (/__sim/logout). */
  logout(cookie: string | undefined): void {
    const s = cookie ? this.sessions.get(cookie) : undefined;
    if (s) s.loggedOut = true;
  }

  /** The session behind a cookie value when it is currently valid. */
  session(cookie: string | undefined): Session | null {
    const s = cookie ? this.sessions.get(cookie) : undefined;
    return s && !s.loggedOut && this.signedIn ? s : null;
  }

  /** Issues a fresh JWT for the session and makes it the session's current token. */
  issue(s: Session, ttlMs: number, now: number): string {
    const jti = uuid();
    const expMs = now + ttlMs;
    const profile = { email: SIM_USER.email, email_verified: true };
    const auth = { chatgpt_user_id: SIM_USER.id, user_id: SIM_USER.id };
    const token = signJwt(
      {
        iss: 'https://auth.openai.com',
        aud: ['https://api.openai.com/v1'],
        sub: 'google-oauth2|sim',
        iat: Math.floor(now / 1000),
        // Integer seconds like real tokens; the server checks its own ms expiry so exp may read ≤1 s early.
        exp: Math.floor(expMs / 1000),
        jti,
        sid: s.id,
        // Real tokens nest these (docs/backend-facts.md §2.2 "profile.email" = profile → email); flat copies help naive readers.
        'https://api.openai.com/profile': profile,
        'https://api.openai.com/auth': auth,
        'https://api.openai.com/profile.email': profile.email,
        'https://api.openai.com/auth.chatgpt_user_id': auth.chatgpt_user_id,
      },
      this.secret,
    );
    this.tokens.set(jti, { sid: s.id, expMs });
    s.accessToken = token;
    this.last = token;
    return token;
  }

  /** Checks an Authorization header value (docs/backend-facts.md §2.4). */
  verifyBearer(header: string | undefined, now: number): BearerVerdict {
    const m = /^Bearer\s+(\S+)$/i.exec(header ?? '');
    if (!m?.[1]) return 'missing';
    return this.tokenValid(m[1], now) ? 'ok' : 'invalid';
  }

  /** Whether an access token is ours, unexpired and tied to a currently valid session. */
  tokenValid(token: string, now: number): boolean {
    const claims = verifyJwt(token, this.secret);
    const rec = claims ? this.tokens.get(claims.jti) : undefined;
    if (!rec || now >= rec.expMs || !this.signedIn) return false;
    return [...this.sessions.values()].some((s) => s.id === rec.sid && !s.loggedOut);
  }

  /** The most recently issued token if it is still valid. */
  current(now: number): string | null {
    return this.last && this.tokenValid(this.last, now) ? this.last : null;
  }
}

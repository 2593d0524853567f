// A real OpenID Connect provider (npm `oidc-provider`) on loopback for ClusterHub's login tests.
//
// It starts five listeners on free ports of 127.0.0.1 and prints them as one JSON line:
//   good      an honest provider;
//   expired   the same, but its clock runs two hours slow while it answers the token endpoint,
//             so the ID tokens it mints are already expired;
//   tampered  the same, but it swaps the nonce of each authorization request for another one,
//             so its ID tokens carry a nonce the client never sent;
//   mixup     a discovery document that names itself as issuer but points at good's endpoints
//             and keys, so the ID tokens come from another issuer than the one discovered;
//   userinfo  an honest provider that keeps e-mail and roles out of the ID token (UserInfo only).
// Environment: REDIRECT_URIS (comma-separated), CLIENT_ID, CLIENT_SECRET, ACCOUNTS (JSON object
// of account id -> claims). The login page is a plain form: POST login=<account id>.
import crypto from 'node:crypto';
import http from 'node:http';

import Provider from 'oidc-provider';

const CLIENT_ID = process.env.CLIENT_ID || 'clusterhub';
const CLIENT_SECRET = process.env.CLIENT_SECRET || 'clusterhub-test-secret';
const REDIRECT_URIS = (process.env.REDIRECT_URIS || 'http://localhost/auth/oidc/callback').split(',');
const ACCOUNTS = JSON.parse(process.env.ACCOUNTS || '{"alice": {"email": "alice@example.org"}}');
const SLOW_CLOCK_MS = 2 * 3600 * 1000;

function signingKeys() {
  const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: crypto.randomUUID(), use: 'sig', alg: 'RS256' }] };
}

async function findAccount(_ctx, id) {
  if (!Object.hasOwn(ACCOUNTS, id)) return undefined;
  return { accountId: id, claims: async () => ({ sub: id, ...ACCOUNTS[id] }) };
}

function configuration(overrides = {}) {
  return {
    clients: [{
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
      redirect_uris: REDIRECT_URIS,
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    }],
    // The role claims come with every login and travel in the ID token, as identity providers
    // are usually configured for an application's roles (Keycloak's client roles, for example).
    claims: {
      openid: ['sub', 'clusterhub_roles', 'cluster', 'company'],
      email: ['email', 'email_verified'],
      profile: ['name'],
    },
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    cookies: { keys: [crypto.randomBytes(32).toString('hex')] },
    jwks: signingKeys(),
    findAccount,
    ...overrides,
  };
}

function page(res, status, html) {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(`<!doctype html><html><body>${html}</body></html>`);
}

async function formBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

async function interaction(provider, req, res, uid, action) {
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) return page(res, 400, 'interaction mismatch');
  const { prompt, params, session } = details;
  if (req.method === 'GET') {
    const field = prompt.name === 'login' ? '<input name="login" autofocus>' : '';
    return page(res, 200, `<h1>${prompt.name}</h1><form method="post" action="/interaction/${uid}/${prompt.name}">`
      + `${field}<button type="submit">Continue</button></form>`);
  }
  if (action === 'login') {
    const login = (await formBody(req)).get('login');
    if (!login || !Object.hasOwn(ACCOUNTS, login)) return page(res, 400, 'unknown account');
    return provider.interactionFinished(req, res, { login: { accountId: login } }, { mergeWithLastSubmission: false });
  }
  if (action === 'consent') {
    const grant = details.grantId
      ? await provider.Grant.find(details.grantId)
      : new provider.Grant({ accountId: session.accountId, clientId: params.client_id });
    const missing = prompt.details;
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
    if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
    const grantId = await grant.save();
    return provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
  }
  return page(res, 404, 'no such interaction step');
}

function slowClockDuringTokenRequests(provider) {
  provider.use(async (ctx, next) => {
    if (ctx.path !== '/token') return next();
    const realNow = Date.now;
    Date.now = () => realNow() - SLOW_CLOCK_MS;
    try {
      return await next();
    } finally {
      Date.now = realNow;
    }
  });
}

function swapNonce(provider) {
  provider.use(async (ctx, next) => {
    if (ctx.path === '/auth' && ctx.query.nonce) {
      const query = new URLSearchParams(ctx.querystring);
      query.set('nonce', `${query.get('nonce')}-swapped`);
      ctx.querystring = query.toString();
    }
    return next();
  });
}

function serve(handler) {
  return new Promise((resolve) => {
    const server = http.createServer(handler);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

async function startProvider(tweak, overrides) {
  let provider;
  let handle;
  const server = await serve((req, res) => {
    const match = req.url.match(/^\/interaction\/([^/?]+)(?:\/([a-z]+))?/);
    if (!match) return handle(req, res);
    return interaction(provider, req, res, match[1], match[2]).catch((err) => page(res, 500, String(err)));
  });
  const issuer = `http://127.0.0.1:${server.address().port}`;
  provider = new Provider(issuer, configuration(overrides));
  if (tweak) tweak(provider);
  handle = provider.callback();
  return issuer;
}

async function startMixup(goodIssuer) {
  const server = await serve(async (req, res) => {
    if (req.url !== '/.well-known/openid-configuration') return page(res, 404, 'not found');
    const upstream = await fetch(`${goodIssuer}/.well-known/openid-configuration`);
    const metadata = { ...(await upstream.json()), issuer: `http://127.0.0.1:${server.address().port}` };
    res.writeHead(200, { 'content-type': 'application/json' });
    return res.end(JSON.stringify(metadata));
  });
  return `http://127.0.0.1:${server.address().port}`;
}

const good = await startProvider();
const issuers = {
  good,
  expired: await startProvider(slowClockDuringTokenRequests),
  tampered: await startProvider(swapNonce),
  mixup: await startMixup(good),
  userinfo: await startProvider(null, { conformIdTokenClaims: true }),
};
process.stdout.write(`${JSON.stringify(issuers)}\n`);
process.on('SIGTERM', () => process.exit(0));

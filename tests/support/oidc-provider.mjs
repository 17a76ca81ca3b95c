// A real OpenID Connect provider (the `oidc-provider` package) for the black-box tests, run as its
// own process: node tests/support/oidc-provider.mjs <port> <redirect-uri> <client-secret>.
// Any login name is accepted as the e-mail address of a verified account.
import Provider from 'oidc-provider';

const [port, redirectUri, clientSecret] = process.argv.slice(2);
const issuer = `http://127.0.0.1:${port}`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: 'consortio',
      client_secret: clientSecret,
      redirect_uris: [redirectUri],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    },
  ],
  pkce: { required: () => true },
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  features: { devInteractions: { enabled: true } },
  cookies: { keys: ['black-box-test-cookie-key'] },
  async findAccount(_context, id) {
    return {
      accountId: id,
      async claims() {
        return { sub: id, email: id, email_verified: true, name: `Signed In ${id.split('@')[0]}` };
      },
    };
  },
});

provider.listen(Number(port), '127.0.0.1', () => console.log(`ready ${issuer}`));

// Prints an HS256 token for the fuzzing run: every role, so schemathesis
// reaches every route past its role check (what the routes do with the
// caller is then what gets fuzzed), within the kit's lifetime limit.
import { ROLES, signDevToken } from '@ejp/service-kit';

const secret = process.env.AUTH_HS256_SECRET;
if (!secret) throw new Error('AUTH_HS256_SECRET is required');
const subject = process.env.EJP_FUZZ_SUBJECT ?? 'fuzz-caller';
console.log(await signDevToken({ secret, subject, roles: [...ROLES], expiresIn: '2h' }));

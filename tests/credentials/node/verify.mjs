// Independent verification of a Đoàn Số credential with Digital Bazaar's libraries.
// stdin: {"credentials": [{...}, ...], "documents": {"<url or did>": {...}}} — the vendored
// contexts, the issuers' DID documents and status list credentials; nothing is fetched from the
// network. stdout: one {"verified": bool, "errors": [...], "revoked": bool} per credential.
import * as vc from '@digitalbazaar/vc';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {cryptosuite as eddsaRdfc2022CryptoSuite} from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import {checkStatus} from '@digitalbazaar/vc-bitstring-status-list';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const {credentials, documents} = JSON.parse(Buffer.concat(chunks).toString('utf8'));

async function documentLoader(url) {
  if (url in documents) {
    return {contextUrl: null, documentUrl: url, document: structuredClone(documents[url])};
  }
  const [base, fragment] = url.split('#');
  if (fragment && base in documents) {
    // A key of a DID document: the verification method itself, in the document's context.
    const did = documents[base];
    const method = (did.verificationMethod || []).find(m => m.id === url);
    if (method) {
      return {contextUrl: null, documentUrl: url, document: {'@context': did['@context'], ...method}};
    }
  }
  throw new Error(`documentLoader: refused ${url}`);
}

const suite = new DataIntegrityProof({cryptosuite: eddsaRdfc2022CryptoSuite});
const message = e => (e.errors ? e.errors.map(message).join('; ') : e.message);

async function verifyOne(credential) {
  try {
    const result = await vc.verifyCredential({credential, suite, documentLoader, checkStatus});
    const errors = [result.error, ...(result.results || []).map(r => r.error),
      result.statusResult && result.statusResult.error].filter(Boolean).map(message);
    const revoked = Boolean(result.statusResult?.results?.some(r => r.status === true));
    return {verified: result.verified, errors, revoked};
  } catch (e) {
    return {verified: false, errors: [message(e)], revoked: false};
  }
}

const out = [];
for (const credential of credentials) out.push(await verifyOne(credential));
process.stdout.write(JSON.stringify(out));

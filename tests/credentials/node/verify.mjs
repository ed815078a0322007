// Independent verification of a Đoàn Số credential with Digital Bazaar's libraries.
// stdin: {"credential": {...}, "documents": {"<url or did>": {...}}} — the vendored contexts, the
// issuer's DID document and its status list credential; nothing is fetched from the network.
// stdout: {"verified": bool, "error": "..."}.
import * as vc from '@digitalbazaar/vc';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {cryptosuite as eddsaRdfc2022CryptoSuite} from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import {checkStatus} from '@digitalbazaar/vc-bitstring-status-list';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const {credential, documents} = JSON.parse(Buffer.concat(chunks).toString('utf8'));

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
try {
  const result = await vc.verifyCredential({
    credential, suite, documentLoader, checkStatus,
  });
  const errors = [result.error, ...(result.results || []).map(r => r.error),
    result.statusResult && result.statusResult.error]
    .filter(Boolean).map(e => (e.errors ? e.errors.map(x => x.message).join('; ') : e.message));
  const revoked = result.statusResult && result.statusResult.verified &&
    result.statusResult.results?.some?.(r => r.status === true);
  process.stdout.write(JSON.stringify({
    verified: result.verified, errors,
    status: result.statusResult ? JSON.parse(JSON.stringify(result.statusResult, (k, v) => v instanceof Error ? v.message : v)) : null,
    revoked: Boolean(revoked),
  }));
} catch (e) {
  process.stdout.write(JSON.stringify({verified: false, errors: [e.message]}));
}

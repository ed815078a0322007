"""Data Integrity proofs with the `eddsa-rdfc-2022` cryptosuite (W3C Data Integrity EdDSA
Cryptosuites v1.0, section 3.3).

Create: the proof options (`type`, `cryptosuite`, `created`, `verificationMethod`, `proofPurpose`)
take the document's `@context`; both the options and the document without `proof` are
canonicalised with RDFC-1.0 and hashed with SHA-256; the signature is Ed25519 over
hash(options) ‖ hash(document), written as multibase base58btc in `proofValue`.
Verify repeats the transformation from the received proof and checks the signature.
Pure functions: keys come in as `cryptography` objects; which key may sign for whom is decided by
`verification.py`.
"""

import hashlib
from datetime import UTC, datetime

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from doanso.credentials import jsonld, multibase

TYPE = "DataIntegrityProof"
CRYPTOSUITE = "eddsa-rdfc-2022"


class ProofError(ValueError):
    """The proof is malformed or the signature does not match."""


def utc_stamp(moment: datetime) -> str:
    """XML Schema dateTime in UTC, to the second (`2026-12-01T01:02:03Z`)."""
    return moment.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _hash_data(document: dict, proof_config: dict) -> bytes:
    unsecured = {k: v for k, v in document.items() if k != "proof"}
    config = {**proof_config, "@context": document["@context"]}
    config_hash = hashlib.sha256(jsonld.canonize(config).encode()).digest()
    document_hash = hashlib.sha256(jsonld.canonize(unsecured).encode()).digest()
    return config_hash + document_hash


def sign(document: dict, key: Ed25519PrivateKey, verification_method: str, created: datetime) -> dict:
    """A copy of `document` with a `proof` (assertionMethod) signed by `key`."""
    config = {
        "type": TYPE,
        "cryptosuite": CRYPTOSUITE,
        "created": utc_stamp(created),
        "verificationMethod": verification_method,
        "proofPurpose": "assertionMethod",
    }
    signature = key.sign(_hash_data(document, config))
    return {**document, "proof": {**config, "proofValue": multibase.encode_z(signature)}}


def proof_of(document: dict) -> dict:
    """The document's one DataIntegrityProof of this cryptosuite (ProofError otherwise)."""
    proof = document.get("proof")
    if not isinstance(proof, dict):
        raise ProofError("missing proof")
    if proof.get("type") != TYPE or proof.get("cryptosuite") != CRYPTOSUITE:
        raise ProofError("proof is not a DataIntegrityProof with eddsa-rdfc-2022")
    if proof.get("proofPurpose") != "assertionMethod":
        raise ProofError("proof purpose is not assertionMethod")
    for name in ("verificationMethod", "proofValue", "created"):
        if not isinstance(proof.get(name), str):
            raise ProofError(f"proof has no {name}")
    return proof


def verify(document: dict, public_key: Ed25519PublicKey) -> None:
    """Raise ProofError unless the document's proof was made by `public_key` over this content."""
    proof = proof_of(document)
    if "@context" in proof and proof["@context"] != document.get("@context"):
        raise ProofError("proof context differs from the document's")
    try:
        signature = multibase.decode_z(proof["proofValue"])
    except ValueError as exc:
        raise ProofError(str(exc)) from None
    if len(signature) != 64:
        raise ProofError("an Ed25519 signature has 64 bytes")
    config = {k: v for k, v in proof.items() if k not in ("proofValue", "@context")}
    try:
        public_key.verify(signature, _hash_data(document, config))
    except InvalidSignature:
        raise ProofError("signature does not match") from None

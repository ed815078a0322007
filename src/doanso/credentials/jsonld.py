"""JSON-LD processing offline: the contexts ship as files and the loader refuses any other URL.

Machines here reach no website, and a verifier that fetched contexts at run time could be fed a
context that redefines terms; so only the vendored files (contexts/, from the npm packages named in
contexts/README.md) are ever loaded. `canonize` is RDFC-1.0 (pyld's URDNA2015) to N-Quads.
"""

import copy
import json
from functools import cache
from pathlib import Path

from pyld import jsonld

HERE = Path(__file__).parent / "contexts"

VC_V2 = "https://www.w3.org/ns/credentials/v2"
OB_V3 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
DATA_INTEGRITY_V2 = "https://w3id.org/security/data-integrity/v2"
STATUS_LIST_V1 = "https://www.w3.org/ns/credentials/status/v1"
DID_V1 = "https://www.w3.org/ns/did/v1"
MULTIKEY_V1 = "https://w3id.org/security/multikey/v1"

FILES = {
    VC_V2: "credentials-v2.jsonld",
    OB_V3: "ob-v3p0-context-3.0.3.json",
    DATA_INTEGRITY_V2: "data-integrity-v2.jsonld",
    STATUS_LIST_V1: "vc-bitstring-status-list-v1.jsonld",
    DID_V1: "did-v1.jsonld",
    MULTIKEY_V1: "multikey-v1.jsonld",
}


class UnknownContext(ValueError):
    """A document names a context (or any URL) the loader does not hold."""


@cache
def _context(url: str) -> dict:
    return json.loads((HERE / FILES[url]).read_text(encoding="utf-8"))


def contexts() -> dict[str, dict]:
    """Every vendored context by its URL (the node verifier test serves the same files)."""
    return {url: _context(url) for url in FILES}


def document_loader(url: str, options=None) -> dict:
    """pyld's loader: the vendored contexts, nothing else (no network, ever)."""
    if url not in FILES:
        raise UnknownContext(url)
    return {"contextUrl": None, "documentUrl": url, "document": copy.deepcopy(_context(url))}


def canonize(document: dict) -> str:
    """RDFC-1.0 canonical N-Quads of a JSON-LD document (raises on an unknown context)."""
    return jsonld.normalize(
        document,
        {"algorithm": "URDNA2015", "format": "application/n-quads", "documentLoader": document_loader},
    )

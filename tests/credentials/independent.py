"""Runs Digital Bazaar's verifier (tests/credentials/node/verify.mjs) on our credentials, serving it
the issuers' DID documents and status lists as our own URLs serve them."""

import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote

from django.test import Client

from doanso.credentials import identity, jsonld

NODE_DIR = Path(__file__).parent / "node"
SCRIPT = Path(__file__).parents[2] / "scripts" / "credentials-node.sh"


def available() -> bool:
    return shutil.which("node") is not None and shutil.which("npm") is not None


def install() -> None:
    """npm ci from the committed lock file (a no-op when already installed)."""
    subprocess.run([str(SCRIPT)], check=True, capture_output=True, timeout=600)


def _fetch(client: Client, path: str) -> dict:
    r = client.get(path)
    assert r.status_code == 200, (path, r.status_code)
    return r.json()


def documents_for(credentials: list[dict]) -> dict:
    """Everything the verifier may load: the vendored contexts, and for each issuer its did:web
    document (resolved to /credentials/issuers/<code>/did.json) and its status list, fetched
    through our own pages."""
    client = Client()
    docs = dict(jsonld.contexts())
    base = identity.base_url()
    for cred in credentials:
        did = cred["issuer"]["id"] if isinstance(cred["issuer"], dict) else cred["issuer"]
        code = unquote(did.rsplit(":", 1)[1])
        docs[did] = _fetch(client, f"/credentials/issuers/{code}/did.json")
        status = cred["credentialStatus"]["statusListCredential"]
        docs[status] = _fetch(client, status[len(base) :])
    return docs


def verify(credentials: list[dict]) -> list[dict]:
    payload = json.dumps({"credentials": credentials, "documents": documents_for(credentials)})
    out = subprocess.run(
        ["node", str(NODE_DIR / "verify.mjs")], input=payload, capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)

"""The public identifiers of issuers and credentials under the site's base URL.

An issuing unit is `did:web:<host>:credentials:issuers:<code>` (its DID document is served at
/credentials/issuers/<code>/did.json, where did:web resolves it); each key is a fragment of that
DID named by its Multikey. Credentials and status lists are URLs under /credentials/.
"""

from urllib.parse import quote, unquote, urlsplit

from django.conf import settings


def base_url() -> str:
    return settings.DOANSO_CREDENTIALS_BASE_URL.rstrip("/")


def _did_prefix() -> str:
    parts = urlsplit(base_url())
    host = quote(parts.netloc, safe="")  # did:web writes the port's ":" as %3A
    path = [quote(p, safe="") for p in parts.path.split("/") if p]
    return ":".join(["did:web", host, *path, "credentials", "issuers"]) + ":"


def issuer_did(unit_code: str) -> str:
    return _did_prefix() + quote(unit_code, safe="")


def unit_code_of(did: str) -> str | None:
    """The unit code of one of our issuer DIDs, None for anyone else's."""
    prefix = _did_prefix()
    if not isinstance(did, str) or not did.startswith(prefix):
        return None
    rest = did[len(prefix) :]
    return unquote(rest) if rest and ":" not in rest and "#" not in rest else None


def key_id(unit_code: str, public_key: str) -> str:
    return f"{issuer_did(unit_code)}#{public_key}"


def credential_url(pk) -> str:
    return f"{base_url()}/credentials/{pk}"


def status_list_url(unit_code: str) -> str:
    return f"{base_url()}/credentials/status/{quote(unit_code, safe='')}"


def status_unit_code(url: str) -> str | None:
    """The unit code of one of our status list URLs, None for anyone else's."""
    prefix = f"{base_url()}/credentials/status/"
    if not isinstance(url, str) or not url.startswith(prefix):
        return None
    rest = url[len(prefix) :]
    return unquote(rest) if rest and "/" not in rest and "#" not in rest else None


def achievement_url(source: str, source_id: int) -> str:
    return f"{base_url()}/credentials/achievements/{quote(source, safe='')}/{source_id}"

"""Settings are validated at start: production refuses missing or public keys, typos stop the start."""

import subprocess

import pytest
from django.core.exceptions import ImproperlyConfigured

from doanso.core.envconfig import DEV_DATA_KEY, cache_config, env_bool, env_int, env_key, proxy_ssl_header
from tests.deploy.helpers import BIN, ROOT, clean_env, doanso, prod_env


@pytest.mark.parametrize(
    "raw, value", [("true", True), ("FALSE", False), (" 1 ", True), ("off", False), ("", True)]
)
def test_booleans_are_read_strictly(raw, value):
    assert env_bool("DOANSO_DEBUG", True, {"DOANSO_DEBUG": raw}) is value


@pytest.mark.parametrize("raw", ["flase", "ture", "2", "nope", "f"])
def test_a_misspelt_boolean_is_an_error_naming_the_variable(raw):
    with pytest.raises(ImproperlyConfigured, match=f"DOANSO_DEBUG='{raw}' is not a boolean"):
        env_bool("DOANSO_DEBUG", True, {"DOANSO_DEBUG": raw})


def test_numbers_are_read_strictly():
    assert env_int("X", 5, {"X": "7"}) == 7
    with pytest.raises(ImproperlyConfigured, match="X='abc' is not a whole number"):
        env_int("X", 5, {"X": "abc"})
    with pytest.raises(ImproperlyConfigured, match="at least 1"):
        env_int("X", 5, {"X": "0"}, minimum=1)


def test_keys_in_production():
    good = "k" * 40
    assert env_key("DOANSO_DATA_KEY", DEV_DATA_KEY, False, {"DOANSO_DATA_KEY": good}) == good
    assert env_key("DOANSO_DATA_KEY", DEV_DATA_KEY, True, {}) == DEV_DATA_KEY
    for env, message in (
        ({}, "DOANSO_DATA_KEY is not set"),
        ({"DOANSO_DATA_KEY": DEV_DATA_KEY}, "public development value"),
        ({"DOANSO_DATA_KEY": "short"}, "too short"),
    ):
        with pytest.raises(ImproperlyConfigured, match=message):
            env_key("DOANSO_DATA_KEY", DEV_DATA_KEY, False, env)


def test_cache_urls():
    assert cache_config("redis://127.0.0.1:6379/1")["BACKEND"].endswith("RedisCache")
    assert cache_config("db://my_cache") | {} == {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "my_cache",
        "TIMEOUT": 300,
        "OPTIONS": {"MAX_ENTRIES": 1_000_000},
    }
    assert cache_config("db://c?max_entries=5000")["OPTIONS"] == {"MAX_ENTRIES": 5000}
    assert cache_config("locmem://")["BACKEND"].endswith("LocMemCache")
    with pytest.raises(ImproperlyConfigured, match="DOANSO_CACHE_URL='memcache://x'"):
        cache_config("memcache://x")
    assert proxy_ssl_header("X-Forwarded-Proto") == ("HTTP_X_FORWARDED_PROTO", "https")
    assert proxy_ssl_header("") is None


@pytest.mark.parametrize("missing", ["DOANSO_SECRET_KEY", "DOANSO_DATA_KEY"])
def test_production_without_a_key_refuses_to_start_naming_it(tmp_path, missing):
    env = prod_env(tmp_path)
    del env[missing]
    done = doanso(env, "check")
    assert done.returncode != 0
    assert f"doanso: refusing to start: {missing} is not set" in done.stderr
    assert "Traceback" not in done.stderr


def test_production_refuses_the_public_dev_key(tmp_path):
    done = doanso(prod_env(tmp_path, DOANSO_DATA_KEY=DEV_DATA_KEY), "check")
    assert done.returncode != 0
    assert "DOANSO_DATA_KEY is the public development value" in done.stderr


def test_a_misspelt_debug_stops_the_start(tmp_path):
    done = doanso(clean_env(tmp_path, DOANSO_DEBUG="flase"), "check")
    assert done.returncode != 0
    assert "DOANSO_DEBUG='flase' is not a boolean" in done.stderr


def test_gunicorn_refuses_to_start_without_keys(tmp_path):
    """The acceptance line: DOANSO_DEBUG=false without keys → the server does not serve."""
    env = clean_env(tmp_path, DOANSO_DEBUG="false")
    done = subprocess.run(
        [
            str(BIN / "gunicorn"),
            "--config",
            "scripts/gunicorn.conf.py",
            "--bind",
            "127.0.0.1:0",
            "doanso.wsgi",
        ],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode != 0
    assert "refusing to start: DOANSO_SECRET_KEY is not set" in done.stderr


def test_development_says_it_uses_the_public_data_key(tmp_path):
    done = doanso(clean_env(tmp_path), "check")
    assert done.returncode == 0
    assert "(doanso.W001) DOANSO_DATA_KEY is not set" in done.stderr


def test_check_deploy_is_clean_in_production(tmp_path):
    done = doanso(prod_env(tmp_path), "check", "--deploy", "--fail-level", "WARNING")
    assert done.returncode == 0, done.stderr
    assert "System check identified no issues" in done.stdout


def test_check_deploy_refuses_debug_in_production_mode(tmp_path):
    """`make prod` runs this check: with debug on (and its public keys) it fails."""
    done = doanso(clean_env(tmp_path), "check", "--deploy", "--fail-level", "WARNING")
    assert done.returncode != 0
    for warning in ("security.W018", "security.W004", "security.W008", "security.W012", "security.W016"):
        assert warning in done.stderr


def test_every_environment_setting_is_documented():
    import re

    source = (ROOT / "src/doanso/settings.py").read_text()
    names = set(re.findall(r'"((?:DOANSO_[A-Z_]+)|DATABASE_URL)"', source)) - {"DOANSO_DEBUG=false"}
    documented = set(re.findall(r"^\| `([A-Z_]+)` \|", (ROOT / "docs/settings.md").read_text(), re.M))
    assert len(names) >= 20
    assert sorted(names - documented) == []


def test_make_prod_refuses_debug(tmp_path):
    env = clean_env(tmp_path, DOANSO_DEBUG="true", DOANSO_ENV_FILE=str(tmp_path / "prod.env"))
    done = subprocess.run(["scripts/prod.sh"], env=env, cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "refusing to start with DOANSO_DEBUG=true" in done.stderr
    assert "NEW SECRET KEYS" in done.stderr
    # a second start keeps the keys it created
    keys = (tmp_path / "prod.env").read_text()
    subprocess.run(["scripts/prod.sh"], env=env, cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert (tmp_path / "prod.env").read_text() == keys


@pytest.mark.django_db(transaction=True)
def test_the_production_cache_keeps_thousands_of_rate_limit_counters():
    """Django's default would cull a third of the table past 300 keys: an entrant's counter gone
    before it reaches its limit, a rate limit that never bites in a contest's first minute."""
    from django.core.cache.backends.db import DatabaseCache
    from django.core.management import call_command

    config = cache_config("db://doanso_test_cache")
    call_command("createcachetable", "doanso_test_cache", verbosity=0)
    cache = DatabaseCache(config["LOCATION"], config)
    try:
        for n in range(400):
            cache.set(f"rl:{n:04d}", n)
        assert cache.get("rl:0000") == 0 and cache.get("rl:0399") == 399
    finally:
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE doanso_test_cache")

"""Every module of the package imports: an import error fails the suite instead of hiding a page,
a route or a command (the URL modules no longer skip an app that fails to import)."""

import importlib
import pkgutil

import pytest

import doanso

MODULES = sorted(m.name for m in pkgutil.walk_packages(doanso.__path__, "doanso."))


def test_the_walk_sees_every_app():
    apps = {m.split(".")[1] for m in MODULES}
    assert {"core", "org", "accounts", "members", "plans", "reports", "dashboard", "planimport"} <= apps
    assert {"web", "api", "demo"} <= apps


@pytest.mark.parametrize("name", MODULES)
def test_module_imports(name):
    importlib.import_module(name)

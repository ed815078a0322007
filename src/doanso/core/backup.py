"""Backups of the whole database: SQLite through its online backup API, PostgreSQL with pg_dump.

Both are taken while the platform runs: SQLite's backup API copies a consistent snapshot page by
page, pg_dump reads in one repeatable-read transaction. The file holds personal data: it is
written with mode 0600, and is useless without the DOANSO_DATA_KEY that encrypted the CCCD.
Restore replaces every row of the database by the file's; stop the web, worker and scheduler first.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import tempfile
from contextlib import closing
from pathlib import Path

from django.db import DEFAULT_DB_ALIAS, connections

SQLITE_SUFFIX = ".sqlite3"
POSTGRES_SUFFIX = ".dump"


class BackupError(Exception):
    """A backup or restore that could not be done; the message is for the operator."""


def vendor(alias: str = DEFAULT_DB_ALIAS) -> str:
    return connections[alias].vendor


def default_suffix(alias: str = DEFAULT_DB_ALIAS) -> str:
    return SQLITE_SUFFIX if vendor(alias) == "sqlite" else POSTGRES_SUFFIX


def _pg_env(settings_dict: dict) -> tuple[list[str], dict[str, str]]:
    """Connection arguments and environment for pg_dump/pg_restore (password not on the command line)."""
    args = []
    if settings_dict.get("HOST"):
        args += ["--host", str(settings_dict["HOST"])]
    if settings_dict.get("PORT"):
        args += ["--port", str(settings_dict["PORT"])]
    if settings_dict.get("USER"):
        args += ["--username", str(settings_dict["USER"])]
    env = dict(os.environ)
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings_dict["PASSWORD"])
    return args, env


def _tool(name: str) -> str:
    path = shutil.which(name)
    if not path:
        raise BackupError(f"{name} is not installed (Debian: apt-get install postgresql-client).")
    return path


def backup(dest: Path, alias: str = DEFAULT_DB_ALIAS) -> Path:
    """Writes a consistent copy of the database to `dest` (replaced atomically when complete)."""
    connection = connections[alias]
    dest.parent.mkdir(parents=True, exist_ok=True)
    partial = dest.with_name(dest.name + ".partial")
    partial.unlink(missing_ok=True)
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(fd)
    try:
        if connection.vendor == "sqlite":
            connection.ensure_connection()
            with closing(sqlite3.connect(partial)) as target:
                connection.connection.backup(target)
        elif connection.vendor == "postgresql":
            args, env = _pg_env(connection.settings_dict)
            done = subprocess.run(
                [_tool("pg_dump"), "--format=custom", "--no-owner", "--no-acl", "--file", str(partial), *args,
                 connection.settings_dict["NAME"]],
                env=env, capture_output=True, text=True,
            )  # fmt: skip
            if done.returncode != 0:
                raise BackupError(f"pg_dump failed: {done.stderr.strip()}")
        else:
            raise BackupError(f"no backup for the {connection.vendor} database engine")
        os.replace(partial, dest)
    finally:
        partial.unlink(missing_ok=True)
    return dest


def restore(source: Path, alias: str = DEFAULT_DB_ALIAS) -> None:
    """Replaces the database's content by the backup's."""
    if not source.is_file():
        raise BackupError(f"no backup file at {source}")
    connection = connections[alias]
    if connection.vendor == "sqlite":
        with closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as backup_db:
            try:
                ok = backup_db.execute("PRAGMA integrity_check").fetchone()[0]
            except sqlite3.DatabaseError as exc:
                raise BackupError(f"{source} is not an SQLite backup: {exc}") from None
            if ok != "ok":
                raise BackupError(f"{source} is damaged: {ok}")
            connection.ensure_connection()
            backup_db.backup(connection.connection)
    elif connection.vendor == "postgresql":
        _restore_postgresql(source, connection)
    else:
        raise BackupError(f"no restore for the {connection.vendor} database engine")


def _restore_postgresql(source: Path, connection) -> None:
    """Empties the schema and loads the dump in one transaction: all of it or, on error, none.

    pg_restore's own --clean drops objects one by one and cannot drop the indexes a partition
    inherits (the audit log is partitioned by month), so the schema goes as a whole instead. The
    dump becomes an SQL script first, so a damaged file fails before anything is dropped.
    """
    args, env = _pg_env(connection.settings_dict)
    with tempfile.NamedTemporaryFile(suffix=".sql", dir=source.parent) as script:  # mode 0600
        made = subprocess.run(
            [_tool("pg_restore"), "--no-owner", "--no-acl", "--file", script.name, str(source)],
            env=env, capture_output=True, text=True,
        )  # fmt: skip
        if made.returncode != 0:
            raise BackupError(f"pg_restore failed, nothing changed: {made.stderr.strip()}")
        connection.close()  # the restore drops tables this connection may hold locks on
        done = subprocess.run(
            [_tool("psql"), "--no-psqlrc", "--quiet", "--single-transaction", "--set", "ON_ERROR_STOP=1",
             *args, "--dbname", connection.settings_dict["NAME"],
             "--command", "DROP SCHEMA public CASCADE; CREATE SCHEMA public;", "--file", script.name],
            env=env, capture_output=True, text=True,
        )  # fmt: skip
    if done.returncode != 0:
        raise BackupError(f"restore failed, nothing changed: {done.stderr.strip()}")

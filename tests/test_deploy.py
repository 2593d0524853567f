"""deploy/ stays true to the code: the commands its units run exist, ports, limits and paths
agree, and its environment file sets only settings the app reads."""
import re
import shlex
from pathlib import Path

import click

from clusterhub.cli import main
from clusterhub.config import from_environment

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "deploy"
NGINX = (DEPLOY / "nginx.conf").read_text()


def unit_commands():
    for unit in sorted((DEPLOY / "systemd").glob("*.service")):
        for line in unit.read_text().splitlines():
            if re.match(r"ExecStart(Pre)?=", line):
                yield unit.name, shlex.split(line.split("=", 1)[1])


def test_every_clusterhub_command_in_the_units_exists():
    seen = 0
    for unit, argv in unit_commands():
        if not argv[0].endswith("/clusterhub"):
            continue
        ctx = main.make_context("clusterhub", ["--help"], resilient_parsing=True)
        command, args = main, argv[1:]
        while isinstance(command, click.Group) and args and not args[0].startswith("-"):
            name, *args = args
            command = command.get_command(ctx, name)
            assert command is not None, f"{unit}: no command {name!r} in {argv}"
        options = {o for p in command.params for o in getattr(p, "opts", [])}
        for arg in args:
            if arg.startswith("-"):
                assert arg in options, f"{unit}: {command.name} has no option {arg}"
        seen += 1
    assert seen >= 2  # db upgrade and sync --all


def test_gunicorn_serves_the_app_where_nginx_sends_requests():
    namespace = {}
    exec((DEPLOY / "gunicorn.conf.py").read_text(), namespace)
    host, port = namespace["bind"].rsplit(":", 1)
    assert re.search(rf"server {re.escape(host)}:{port}\b", NGINX)
    assert any("gunicorn" in argv[0] and "clusterhub:create_app()" in argv
               for _, argv in unit_commands())


def test_nginx_limits_and_static_path_match_the_app(tmp_path):
    from clusterhub import create_app

    app = create_app({"INSTANCE_PATH": str(tmp_path), "TESTING": True})
    size_mb = int(re.search(r"client_max_body_size (\d+)m;", NGINX).group(1))
    assert size_mb * 1024 * 1024 == app.config["MAX_CONTENT_LENGTH"]
    alias = re.search(r"location /static/ \{\s*alias /srv/clusterhub/(\S+);", NGINX).group(1)
    assert (ROOT / alias).resolve() == Path(app.static_folder).resolve()


def test_long_urls_reach_the_app_before_gunicorn_or_nginx_refuse_them(tmp_path):
    from clusterhub import create_app

    namespace = {}
    exec((DEPLOY / "gunicorn.conf.py").read_text(), namespace)
    app = create_app({"INSTANCE_PATH": str(tmp_path), "TESTING": True})
    buffers = int(re.search(r"large_client_header_buffers \d+ (\d+)k;", NGINX).group(1)) * 1024
    assert app.config["MAX_URL_LENGTH"] < namespace["limit_request_line"] <= buffers
    assert namespace["limit_request_line"] == 8190  # gunicorn's own maximum


def test_the_environment_file_sets_only_known_settings(tmp_path):
    known = set(from_environment(tmp_path)) | {"CLUSTERHUB_INSTANCE", "HOST", "PORT",
                                                "WEB_CONCURRENCY", "GUNICORN_THREADS"}
    lines = [l for l in (DEPLOY / "systemd" / "clusterhub.env").read_text().splitlines()
             if l.strip() and not l.startswith("#")]
    keys = [l.split("=", 1)[0] for l in lines]
    assert set(keys) <= known, set(keys) - known
    assert "PROXY_COUNT=1" in lines  # nginx is in front

"""A small site and template for the gateway's tests, served by the gateway's own server."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
HANDLER = "tests.functional.gateway.echo_handler.handler"
SECRET = b"SECRET-hors-du-site"

TEMPLATE = f"""
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: python3.12
    Handler: {HANDLER}
    CodeUri: {ROOT}
    Timeout: 5
Resources:
  HttpApi:
    Type: AWS::Serverless::HttpApi
  EchoFunction:
    Type: AWS::Serverless::Function
    Properties:
      MemorySize: 512
      Events:
        Get: {{Type: HttpApi, Properties: {{Path: "/echo/{{name}}", Method: GET, ApiId: !Ref HttpApi}}}}
        Post: {{Type: HttpApi, Properties: {{Path: "/echo/{{name}}", Method: POST, ApiId: !Ref HttpApi}}}}
        Files: {{Type: HttpApi, Properties: {{Path: "/fichiers/{{proxy+}}", Method: ANY, ApiId: !Ref HttpApi}}}}
  CrashFunction:
    Type: AWS::Serverless::Function
    Properties:
      Events:
        Crash: {{Type: HttpApi, Properties: {{Path: /panne, Method: GET, ApiId: !Ref HttpApi}}}}
"""


@pytest.fixture(scope="package")
def site(  # this folder's site, not the Pelican build of tests/conftest.py
        tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("gateway")
    (base / "secret.txt").write_bytes(SECRET)
    site = base / "output"
    (site / "sub").mkdir(parents=True)
    (site / "theme" / "css").mkdir(parents=True)
    (site / "index.html").write_text("<!doctype html><title>Accueil</title><h1>Accueil – été</h1>", encoding="utf-8")
    (site / "sub" / "index.html").write_text("<h1>Sous-dossier</h1>", encoding="utf-8")
    (site / "theme" / "css" / "site.css").write_text("body { color: #161616; }", encoding="utf-8")
    (site / "logo.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>", encoding="utf-8")
    (site / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (site / "404.html").write_text("<h1>Page introuvable (site)</h1>", encoding="utf-8")
    (site / "lien-secret.txt").symlink_to(base / "secret.txt")
    (site / "lien-dossier").symlink_to(base, target_is_directory=True)
    (base / "template.yaml").write_text(TEMPLATE, encoding="utf-8")
    return site



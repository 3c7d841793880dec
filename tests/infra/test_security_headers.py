"""CloudFront and the handlers send the same security headers, from one definition."""

from __future__ import annotations

import pytest

from espace.web.security_headers import (
    CONTENT_SECURITY_POLICY,
    FRAME_OPTIONS,
    HSTS_MAX_AGE_SECONDS,
    PERMISSIONS_POLICY,
    REFERRER_POLICY,
    security_headers,
)
from tests.infra.cloudformation import load_sam_template


@pytest.fixture(scope="module")
def template() -> dict:
    return load_sam_template()


@pytest.fixture(scope="module")
def policy_config(template) -> dict:
    return template["Resources"]["ResponseHeadersPolicy"]["Properties"]["ResponseHeadersPolicyConfig"]


@pytest.fixture(scope="module")
def headers_config(policy_config) -> dict:
    return policy_config["SecurityHeadersConfig"]


def test_template_csp_is_the_python_constant(headers_config):
    assert headers_config["ContentSecurityPolicy"]["ContentSecurityPolicy"] == CONTENT_SECURITY_POLICY


def test_template_headers_are_the_python_ones(headers_config):
    hsts = headers_config["StrictTransportSecurity"]
    assert hsts["AccessControlMaxAgeSec"] == HSTS_MAX_AGE_SECONDS
    assert (hsts["IncludeSubdomains"], hsts["Preload"]) == (True, True)
    assert headers_config["ReferrerPolicy"]["ReferrerPolicy"] == REFERRER_POLICY
    assert headers_config["FrameOptions"]["FrameOption"] == FRAME_OPTIONS
    assert "ContentTypeOptions" in headers_config  # X-Content-Type-Options: nosniff
    # Override: CloudFront's value wins over a handler's, so a forgotten header cannot differ.
    assert all(header["Override"] is True for header in headers_config.values())


def test_template_permissions_policy_is_the_python_one(policy_config):
    # CloudFront has no security field for it: a custom header, overriding like the others.
    custom = {item["Header"]: item for item in policy_config["CustomHeadersConfig"]["Items"]}
    assert custom["Permissions-Policy"]["Value"] == PERMISSIONS_POLICY
    assert custom["Permissions-Policy"]["Override"] is True


def test_every_header_of_the_code_is_sent_by_cloudfront(policy_config):
    # A header added to security_headers() but forgotten in the template would be missing from
    # the static pages once deployed (the handlers add it only to dynamic ones).
    fields = {
        "Content-Security-Policy": "ContentSecurityPolicy", "Strict-Transport-Security": "StrictTransportSecurity",
        "X-Content-Type-Options": "ContentTypeOptions", "Referrer-Policy": "ReferrerPolicy",
        "X-Frame-Options": "FrameOptions",
    }
    custom = {item["Header"] for item in policy_config.get("CustomHeadersConfig", {}).get("Items", [])}
    for name in security_headers(secure=True):
        assert fields.get(name) in policy_config["SecurityHeadersConfig"] or name in custom, name


def test_permissions_policy_refuses_every_feature_it_names():
    directives = [d.strip() for d in PERMISSIONS_POLICY.split(",")]
    names = [d.split("=", 1)[0] for d in directives]
    # "()" is the empty allowlist: not even the site; the position only to the site (« Autour de moi »).
    assert all(d.endswith("=()") for d in directives if not d.startswith("geolocation="))
    assert "geolocation=(self)" in directives
    assert len(names) == len(set(names))
    assert {"camera", "microphone", "geolocation", "payment", "usb", "browsing-topics"} <= set(names)
    assert "interest-cohort" not in names  # FLoC's name: obsolete, browsers warn about it


def test_policy_applies_to_every_behaviour(template):
    config = template["Resources"]["Distribution"]["Properties"]["DistributionConfig"]
    for behaviour in [config["DefaultCacheBehavior"], *config["CacheBehaviors"]]:
        assert behaviour["ResponseHeadersPolicyId"] == {"Ref": "ResponseHeadersPolicy"}, behaviour.get("PathPattern")


def test_csp_allows_no_inline_code():
    assert "unsafe-inline" not in CONTENT_SECURITY_POLICY
    assert "unsafe-eval" not in CONTENT_SECURITY_POLICY
    directives = dict(d.strip().split(" ", 1) for d in CONTENT_SECURITY_POLICY.split(";"))
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"


def test_hsts_only_over_https():
    assert security_headers(secure=True)["Strict-Transport-Security"] == (
        "max-age=63072000; includeSubDomains; preload"
    )
    assert "Strict-Transport-Security" not in security_headers(secure=False)
    for secure in (True, False):
        headers = security_headers(secure)
        assert headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert headers["X-Frame-Options"] == "DENY"
        assert headers["Permissions-Policy"] == PERMISSIONS_POLICY

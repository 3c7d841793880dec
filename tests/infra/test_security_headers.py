"""CloudFront and the handlers send the same security headers, from one definition."""

from __future__ import annotations

import pytest

from espace.web.security_headers import (
    CONTENT_SECURITY_POLICY,
    FRAME_OPTIONS,
    HSTS_MAX_AGE_SECONDS,
    REFERRER_POLICY,
    security_headers,
)
from tests.infra.cloudformation import load_sam_template


@pytest.fixture(scope="module")
def template() -> dict:
    return load_sam_template()


@pytest.fixture(scope="module")
def headers_config(template) -> dict:
    policy = template["Resources"]["ResponseHeadersPolicy"]["Properties"]["ResponseHeadersPolicyConfig"]
    return policy["SecurityHeadersConfig"]


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

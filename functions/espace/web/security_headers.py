"""The security headers of every page, static or dynamic, in one place.

CloudFront adds them to every response of the deployed site through the
ResponseHeadersPolicy of infra/template.yaml; the handlers add the same ones
themselves so that `make run` (no CloudFront in front) behaves like production.
CloudFormation cannot import Python, so the template repeats these values:
tests/infra/test_security_headers.py fails as soon as the two differ.
"""

from __future__ import annotations

# No 'unsafe-inline' anywhere: the theme has no inline script or style, so an
# injected <script> or style="" attribute is refused by the browser. img-src
# allows data: so small icons can be inlined in the CSS without loosening it later.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'"
)

# Two years: what hstspreload.org recommends (its list requires at least one year).
HSTS_MAX_AGE_SECONDS = 63072000
STRICT_TRANSPORT_SECURITY = f"max-age={HSTS_MAX_AGE_SECONDS}; includeSubDomains; preload"
REFERRER_POLICY = "strict-origin-when-cross-origin"
FRAME_OPTIONS = "DENY"
CONTENT_TYPE_OPTIONS = "nosniff"


def security_headers(secure: bool) -> dict[str, str]:
    """The headers to add to a response; HSTS only when served over HTTPS.

    Browsers ignore HSTS received over plain HTTP, and behind a local HTTPS
    proxy it would pin the developer's host to HTTPS for two years: the caller
    passes its ESPACE_SECURE_COOKIES setting, true only when deployed.
    """
    headers = {
        "Content-Security-Policy": CONTENT_SECURITY_POLICY,
        "X-Content-Type-Options": CONTENT_TYPE_OPTIONS,
        "Referrer-Policy": REFERRER_POLICY,
        "X-Frame-Options": FRAME_OPTIONS,
    }
    if secure:
        headers["Strict-Transport-Security"] = STRICT_TRANSPORT_SECURITY
    return headers

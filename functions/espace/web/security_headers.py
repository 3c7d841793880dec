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
# form-action also admits S3: in the AWS profile a CV file is sent by the browser straight to the
# files bucket (a presigned POST, espace.cv.attachments), since Lambda caps a request at 6 MB. The
# bucket's name is only known at deployment, hence the S3 endpoint's wildcard.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "form-action 'self' https://*.s3.amazonaws.com; frame-ancestors 'none'; base-uri 'self'; object-src 'none'"
)

# Two years: what hstspreload.org recommends (its list requires at least one year).
HSTS_MAX_AGE_SECONDS = 63072000
STRICT_TRANSPORT_SECURITY = f"max-age={HSTS_MAX_AGE_SECONDS}; includeSubDomains; preload"
REFERRER_POLICY = "strict-origin-when-cross-origin"
FRAME_OPTIONS = "DENY"
CONTENT_TYPE_OPTIONS = "nosniff"

# Every powerful feature refused, to the site itself and to anything it could embed: the site
# needs none, and an injected script then cannot ask for the camera or the position either.
# Only names that browsers know today (Chromium warns about unknown ones in the console); the
# obsolete FLoC "interest-cohort" is replaced by its successor "browsing-topics".
# publickey-credentials-get: no passkeys yet; allow (self) here when they come.
PERMISSIONS_POLICY_FEATURES = (
    "accelerometer", "autoplay", "browsing-topics", "camera", "display-capture", "encrypted-media",
    "fullscreen", "gyroscope", "hid", "idle-detection", "magnetometer", "microphone",
    "midi", "payment", "picture-in-picture", "publickey-credentials-get", "screen-wake-lock", "serial",
    "usb", "xr-spatial-tracking",
)
# The position, to the site's own pages only: the offer search's « Autour de moi » asks for it
# when the person presses the button (the browser asks for their consent first).
SELF_ONLY_FEATURES = ("geolocation",)
PERMISSIONS_POLICY = ", ".join([f"{feature}=()" for feature in PERMISSIONS_POLICY_FEATURES]
                               + [f"{feature}=(self)" for feature in SELF_ONLY_FEATURES])


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
        "Permissions-Policy": PERMISSIONS_POLICY,
    }
    if secure:
        headers["Strict-Transport-Security"] = STRICT_TRANSPORT_SECURITY
    return headers

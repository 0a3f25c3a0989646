# Varnish 7 in front of Dateline, with the xkey module (Debian: varnish, varnish-modules).
#
#   varnishd -a :80 -f /etc/varnish/dateline.vcl -s malloc,256m
#   CDN_PURGE=varnish:http://127.0.0.1:80   (in Dateline's environment)
#
# - Caches what Dateline marks public, for as long as its Cache-Control says (max-age=60).
# - Serves a stale copy while it fetches a fresh one (stale-while-revalidate=600), and for a day
#   while every backend is down (stale-if-error=86400, health probe on /healthz).
# - Dateline purges by surrogate key after each change: `PURGE /` with `xkey-purge: k1 k2`,
#   accepted from the addresses in `purgers` only. Purges are hard: the next reader waits for the
#   new page (a few milliseconds) rather than being handed the old one once more.
# - The editorial desk, the APIs that need a session, and anything with a session cookie pass.
vcl 4.1;

import std;
import xkey;
import directors;

# One backend per Dateline process or node. Add more and list them in vcl_init.
backend dateline_1 {
    .host = "127.0.0.1";
    .port = "3000";
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;
    .probe = {
        .url = "/healthz";
        .interval = 2s;
        .timeout = 1s;
        .window = 3;
        .threshold = 2;
    }
}

sub vcl_init {
    new dateline = directors.round_robin();
    dateline.add_backend(dateline_1);
}

acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    set req.backend_hint = dateline.backend();

    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Not allowed to purge"));
        }
        if (!req.http.xkey-purge) {
            return (synth(400, "PURGE needs an xkey-purge header"));
        }
        set req.http.x-purged = xkey.purge(req.http.xkey-purge);
        return (synth(200, "Purged " + req.http.x-purged));
    }

    # A healthy site: serve stale for 10 minutes while fetching anew (stale-while-revalidate).
    # With every backend down the whole grace applies: a day of stale pages (stale-if-error).
    if (std.healthy(req.backend_hint)) {
        set req.grace = 10m;
    }

    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # The desk and signed-in editors are never cached; Dateline marks those answers private too.
    if (req.url ~ "^/admin(/|$)" || req.url ~ "^/api/admin/" || req.http.Cookie ~ "(^|;\s*)dateline_session=") {
        return (pass);
    }
    # Public pages do not depend on cookies or credentials.
    unset req.http.Cookie;
    unset req.http.Authorization;
    return (hash);
}

sub vcl_backend_response {
    # The surrogate keys Dateline sends become xkey's index (space-separated in both).
    if (beresp.http.Surrogate-Key) {
        set beresp.http.xkey = beresp.http.Surrogate-Key;
    }
    # Varnish takes the TTL from max-age; the grace is a day (stale-if-error), of which a healthy
    # site uses 10 minutes (vcl_recv). Past it, the copy is kept for revalidation (ETag, 304).
    if (beresp.ttl > 0s) {
        set beresp.grace = 1d;
        set beresp.keep = 1d;
    }
}

sub vcl_backend_error {
    # Every backend down and nothing to serve: a plain 503 with Retry-After.
    set beresp.http.Content-Type = "text/plain; charset=utf-8";
    set beresp.http.Retry-After = "10";
    set beresp.http.Cache-Control = "no-store";
    synthetic("The site is not answering just now. Please try again in a moment." + {"
"});
    return (deliver);
}

sub vcl_deliver {
    unset resp.http.xkey;
    unset resp.http.Surrogate-Key;
    unset resp.http.x-varnish;
    unset resp.http.via;
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}

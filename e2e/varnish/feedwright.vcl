# Varnish in front of several `feedwright serve --published DIR` replicas that serve one build folder.
# The e2e group "replicas" runs varnishd with this very file (README, "Running several servers"):
#
#   varnishd -F -n WORKDIR -a 127.0.0.1:6081 -f /path/to/feedwright.vcl -p vcl_path=FOLDER \
#            -p http_gzip_support=off -s malloc,64m
#
# http_gzip_support=off: the replicas send gzip or plain bytes as asked, each variant with its own ETag
# (the gzip one is the plain one with "-gzip" added). Varnish's own gzip handling would ask them for gzip only and unzip
# it for other clients under the gzip variant's ETag. Off, Varnish keeps both variants (Vary).
#
# How long a copy is fresh and how long an expired one may still be answered come from the replicas'
# Cache-Control (s-maxage, stale-while-revalidate: the config's server section), not from this file.
vcl 4.1;

import directors;

# Probed often enough that a replica which died is out of rotation within a few tenths of a second:
# 2 failures out of the last 3 probes make it sick, 2 successes make it healthy again.
probe healthz {
    .url = "/healthz";
    .interval = 200ms;
    .timeout = 1s;
    .window = 3;
    .threshold = 2;
    .initial = 2;
}

sub vcl_init {
    new replicas = directors.round_robin();
}

# The replicas: one `backend` per process, each with `.probe = healthz`, and a `sub vcl_init` adding
# each to `replicas` (an example is in the README; the e2e suite writes it with the ports it picked).
# Found in -p vcl_path.
include "feedwright-replicas.vcl";

sub vcl_recv {
    set req.backend_hint = replicas.backend();
    # Each replica's own health: never answered from the cache.
    if (req.url == "/healthz") {
        return (pass);
    }
    # Two variants per path, gzip and plain, whatever way a client spells its Accept-Encoding.
    if (req.http.Accept-Encoding ~ "(?i)(^|,)\s*gzip\s*(;\s*q\s*=\s*(1(\.0*)?|0?\.\d*[1-9]\d*)\s*)?(,|$)") {
        set req.http.Accept-Encoding = "gzip";
    } else {
        unset req.http.Accept-Encoding;
    }
}

sub vcl_backend_error {
    # A failed refresh of an expired copy: keep answering the copy (stale-if-error), drop the error.
    if (bereq.is_bgfetch) {
        return (abandon);
    }
    # A replica that just died is still healthy to its probe for a moment: fetch again at once, from
    # the next replica of the round robin.
    if (bereq.retries < 3) {
        return (retry);
    }
}

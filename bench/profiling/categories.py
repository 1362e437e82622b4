#!/usr/bin/env python3
"""Splits collapsed stacks (bench/profile.sh) into the categories of README's profile table, as shares of all samples.

Usage: bench/profiling/categories.py raw.collapsed microflask.collapsed [...]
"""
import sys, collections
cats = [
 ('kernel: send, recv, epoll', lambda fr, st: '/' not in fr[-1] and any(s in fr[-1] for s in ('send', 'recv', 'epoll', 'write'))),
 ('JVM: GC, JIT, safepoints', lambda fr, st: not any(x.startswith(('io/', 'java/', 'jdk/', 'sun/')) for x in fr)),
 ('handler (the app\'s method)', lambda fr, st: 'io/microflask/bench/' in st),
 ('security headers, compression, conditional, CSRF, CORS', lambda fr, st: any(k in st for k in ('SecurityHeaders', 'ResponseCompression', 'ConditionalResponses', 'CsrfProtection', 'CorsPolicy'))),
 ('routing and binding', lambda fr, st: any(k in st for k in ('routing/Router', 'RequestLifecycle.route', 'AppRuntime$Service.route', 'ParameterBinder', 'HandlerInvoker'))),
 ('response headers (Response.*, Date, request id, server headers)', lambda fr, st: any(k in st for k in ('io/microflask/Response.', 'ResponseWriter.addServerHeaders', 'RequestIds', 'ConnectionHandler.finish;io/netty/handler/codec/http/DefaultHttpHeaders'))),
 ('Netty HTTP encoder', lambda fr, st: 'HttpObjectEncoder' in st),
 ('request parsing (RequestParser, Host, path)', lambda fr, st: 'RequestParser' in st),
 ('strict decoding, pace, head scan + Netty decoder', lambda fr, st: any(k in st for k in ('StrictRequestDecoder', 'HttpObjectDecoder', 'HeadScanner', 'ClientPace'))),
 ('other microflask (connection, body receiver, lifecycle, guard, access log, metrics)', lambda fr, st: 'io/microflask' in st),
 ('other Netty (pipeline, buffers, event loop)', lambda fr, st: True),
]
def run(f):
    tot = 0; c = collections.Counter()
    for line in open(f):
        stack, n = line.rsplit(' ', 1); n = int(n); fr = stack.split(';'); tot += n
        for name, test in cats:
            if test(fr, stack): c[name] += n; break
    return tot, c
res = [run(f) for f in sys.argv[1:]]
for name, _ in cats:
    print(f'{name:80s}' + ''.join(f'{100*c[name]/t:8.1f}%' for t, c in res))

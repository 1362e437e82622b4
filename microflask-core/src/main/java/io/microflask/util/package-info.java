/**
 * Leaf helpers with no knowledge of HTTP or the app: HTML escaping ({@code Html}), JSON string
 * quoting ({@code JsonString}) and the small strict JSON codec for session values
 * ({@code JsonValues}), CIDR address ranges ({@code CidrRange}) and the client allow-list built
 * from them ({@code ClientAllowList}), the syntax of a Host header ({@code HostNames}) and host
 * lists such as the trusted hosts ({@code HostAllowList}), control characters escaped for log lines
 * ({@code LogSafe}), entity tags ({@code EntityTags}), HTTP dates ({@code HttpDates}), {@code Range}
 * headers ({@code ByteRanges}), {@code Accept-Encoding} negotiation ({@code AcceptEncoding}),
 * classpath folder names and the source folder a build copied one from ({@code ClasspathFolders}),
 * {@code Fatal.rethrowIfFatal} (which failures must never be turned into an
 * answer), and the framework's {@code Version}. Extension modules may use them too.
 *
 * <p>May import: the JDK only.
 * <br>Never imports: any other {@code io.microflask} package, Netty, SLF4J.
 */
package io.microflask.util;

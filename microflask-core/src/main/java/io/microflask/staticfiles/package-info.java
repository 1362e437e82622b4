/**
 * Static files: {@code StaticFiles} is a handler object with one {@code @Route}
 * ({@code /static/<path:filename>}, endpoint {@code "static"}) that serves from
 * {@code settings().staticDirectory()} or {@code static/} on the classpath (in debug mode from its
 * source folder first; {@code StaticFiles.folder} serves a blueprint's folder alike), with ETag and
 * Last-Modified (304 and ranges come from the dispatcher's last step, as for every
 * {@code Response.file}), precompressed {@code .br}/{@code .zst}/{@code .gz} siblings, zero-copy
 * file bodies and path-traversal protection. {@code ContentTypes} maps file extensions to content types. The dispatcher
 * registers it like any other handler object.
 *
 * <p>May import: the API model in {@code io.microflask}, {@code io.microflask.util}.
 * <br>Never imports: {@code App}, {@code server}, {@code dispatch}, {@code run}, {@code boot}.
 */
package io.microflask.staticfiles;

/**
 * microflask-devtools, an extension found by {@code ServiceLoader} that acts only in debug mode:
 * {@code DevTools} installs the detailed error page ({@code DebugErrorRenderer}, {@code DebugPage},
 * {@code DebugJson}, {@code ErrorReport}, {@code SourceLocator}), reload in the same JVM
 * ({@code Reloader}: {@code SourceWatcher}, {@code InProcessCompiler}, {@code ReloadingClassLoader},
 * with {@code ReloadProblemFilter} showing a failed reload), and browser live reload
 * ({@code LiveReload}, {@code LiveReloadEndpoint}, {@code LiveReloadScript}).
 * {@code DevTools} (its configuration) and {@code ProjectLayout} say where sources and classes are.
 *
 * <p>May import: from core only {@code io.microflask}, {@code io.microflask.spi} and
 * {@code io.microflask.util}; the JDK compiler ({@code javax.tools}).
 * <br>Never imports: core's internal packages ({@code dispatch}, {@code server}, {@code routing},
 * {@code session}, {@code multipart}, {@code staticfiles}, {@code run}, {@code testing}).
 */
package io.microflask.devtools;

/**
 * The extension contract: how optional modules (microflask-json, -render, -devtools) plug into
 * an app. An {@code Extension} is found by {@code java.util.ServiceLoader}
 * ({@code META-INF/services/io.microflask.spi.Extension}) or installed by hand, and adds its parts
 * through the {@code ExtensionRegistry}: {@code ResultWriter}s (return values),
 * {@code ParameterResolver}s producing {@code ParameterBinder}s (handler parameters),
 * {@code ErrorRenderer}s (given an {@code ErrorContext}), {@code ResponseFilter}s, before-request
 * hooks and {@code LifecycleListener}s. {@code ExtensionContext} is the app as an extension sees it.
 * Core implements these interfaces in {@code dispatch}; extensions see only the interfaces.
 *
 * <p>May import: the API model in {@code io.microflask} (signatures only), {@code io.microflask.util}.
 * <br>Never imports: {@code App}, {@code dispatch}, {@code server}, {@code run}, {@code boot},
 * {@code routing}, {@code session}, {@code multipart}, {@code staticfiles}.
 */
package io.microflask.spi;

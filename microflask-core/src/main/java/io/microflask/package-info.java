/**
 * The public API: what applications touch. {@code App} is the front class (register, hooks,
 * urlFor, start, run, testClient); it delegates to an {@code App.Engine} that microflask-core
 * provides through {@code ServiceLoader}, so this package depends on nothing behind it. Every other
 * type here is the API model that the internal packages and the extensions share: {@code Request}
 * (an interface core implements), {@code Response}, {@code Settings}, {@code Cookie},
 * {@code Session}, {@code UploadedFile}, {@code FlashMessage}, {@code HttpException},
 * {@code HttpStatus}, {@code RouteInfo}, {@code RunningServer}, the annotations,
 * {@code RequestHooks}' functional types, {@code Converter}, {@code StreamingBody}/{@code ResponseStream},
 * {@code ServerStartException}, {@code PortInUseException}, {@code PortHolder}, and the test
 * client, {@code TestClient} and {@code TestResponse}.
 *
 * <p>May import: {@code io.microflask.util}, Netty types that appear in signatures
 * ({@code HttpHeaders}, {@code ByteBuf}, {@code FullHttpRequest}).
 * <br>Never imports: any other package of core, the extension SPI ({@code spi}) included.
 */
package io.microflask;

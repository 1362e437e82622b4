/**
 * The public API: what applications touch. {@code App} is the front class (register, hooks,
 * urlFor, start, run, testClient). Every other type here is the API model that {@code App}, the
 * internal packages and the extensions share: {@code Request} (an interface core implements),
 * {@code Response}, {@code Settings}, {@code Cookie}, {@code Session}, {@code UploadedFile},
 * {@code FlashMessage}, {@code HttpException}, {@code HttpStatus}, {@code RouteInfo},
 * {@code RunningServer}, the annotations, {@code RequestHooks}' functional types, {@code Converter},
 * {@code StreamingBody}/{@code ResponseStream}, and {@code ServerStartException},
 * {@code PortInUseException}, {@code PortHolder}.
 *
 * <p>May import (the model, every type but {@code App}): {@code io.microflask.spi},
 * {@code io.microflask.util}, Netty types that appear in signatures ({@code HttpHeaders}, {@code ByteBuf}).
 * <br>Never imports (the model): {@code App}, {@code dispatch}, {@code server}, {@code run},
 * {@code testing}, {@code routing}, {@code session}, {@code multipart}, {@code staticfiles}.
 * <br>{@code App} sits on top: it is the only class that imports {@code dispatch}, {@code run} and
 * {@code testing} (and {@code server}) together.
 */
package io.microflask;

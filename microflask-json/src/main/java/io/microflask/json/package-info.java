/**
 * microflask-json, an extension found by {@code ServiceLoader}: {@code JsonExtension} installs a
 * {@code JsonResultWriter} (any returned object, record, map or list becomes JSON, written by
 * Jackson into a Netty buffer), a {@code BodyParameterResolver} for {@code @Body} parameters (read
 * by {@code JsonBodyReader}; failures are {@code JsonBodyException}, 400/415), and a
 * {@code JsonErrorRenderer} asked ahead of other renderers (JSON error bodies for clients that want JSON).
 * {@code Json} and {@code JsonResponse} are the handler-side helpers.
 *
 * <p>May import: from core only {@code io.microflask}, {@code io.microflask.spi} and
 * {@code io.microflask.util}; Jackson; Netty buffers.
 * <br>Never imports: core's internal packages ({@code dispatch}, {@code server}, {@code routing},
 * {@code session}, {@code multipart}, {@code staticfiles}, {@code run}, {@code testing}).
 */
package io.microflask.json;

/**
 * microflask-render, an extension found by {@code ServiceLoader}: Mustache templates from
 * {@code templates/} and the blueprints' template folders, Flask's {@code render_template}. A handler returns a {@code View} (written by
 * {@code ViewWriter}) or calls {@code Templates.render}; {@code RenderExtension} holds the settings,
 * {@code TemplateLocator} and {@code TemplateCompiler} find and compile templates,
 * {@code ByteBufWriter} renders straight into the response buffer, and {@code TemplateRequest},
 * {@code TemplateSession}, {@code TemplateFlashes} and {@code UrlForLambda} are what templates see.
 * Mistakes are {@code TemplateException}s naming the file and line.
 *
 * <p>May import: from core only {@code io.microflask}, {@code io.microflask.spi} and
 * {@code io.microflask.util}; Mustache.java; Netty buffers.
 * <br>Never imports: core's internal packages ({@code dispatch}, {@code server}, {@code routing},
 * {@code session}, {@code multipart}, {@code staticfiles}, {@code run}, {@code testing}).
 */
package io.microflask.render;

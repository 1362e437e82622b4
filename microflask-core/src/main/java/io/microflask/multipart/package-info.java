/**
 * {@code multipart/form-data} bodies: {@code MultipartForm.decode} is given the body as a
 * {@code Source} of streams, its content type, charset and {@code Limits} (file size, memory
 * threshold, upload directory, form memory, parts), reads it a chunk at a time, and yields the text fields and the files, as {@code NettyUploadedFile}s over Netty's
 * decoder. Closing the form deletes the temporary files. A body the decoder refuses is a 400 whose
 * message {@code PartProblems} writes from the parts' headers, never the decoder's exception text.
 * It never sees the request or the app.
 *
 * <p>May import: the API model in {@code io.microflask} ({@code UploadedFile}, {@code HttpException}),
 * {@code io.microflask.util}, Netty's buffer and multipart codec.
 * <br>Never imports: {@code App}, {@code server}, {@code dispatch}, {@code run}, {@code boot}.
 */
package io.microflask.multipart;

package io.microflask.spi;

import io.microflask.Request;
import io.microflask.Response;

/** Sees every answer before it is written, after the app's after-request hooks. */
@FunctionalInterface
public interface ResponseFilter {

    /** Returns the response to send: the same one, changed, or another. */
    Response filter(Request request, Response response);
}

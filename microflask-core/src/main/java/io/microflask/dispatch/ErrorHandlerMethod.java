package io.microflask.dispatch;

import io.microflask.ErrorHandler;
import io.microflask.Route;
import java.lang.reflect.Method;
import java.util.List;

/**
 * An {@link ErrorHandler} method ready to call: what it answers for, where it applies, and how
 * to fill its parameters from the error.
 *
 * @param scope where it applies: app-wide, or its blueprint (a class with a {@code @Route} prefix is one)
 */
record ErrorHandlerMethod(Method method, List<Class<? extends Throwable>> exceptions, int[] statuses,
                          HookScope scope, HandlerInvoker invoker, ArgumentSource[] arguments,
                          PreparedRoute.ReturnKind returnKind, io.microflask.spi.ResultWriter writer) {

    /** Where one parameter of an error handler comes from. */
    enum ArgumentSource { EXCEPTION, REQUEST, STATUS, MESSAGE }

    boolean handlesStatus(int status) {
        for (int s : statuses) {
            if (s == status) {
                return true;
            }
        }
        return false;
    }

    /** How far {@code type} is from the closest exception class handled (0 = exact), or -1. */
    int distanceTo(Class<?> type) {
        int best = -1;
        for (Class<? extends Throwable> handled : exceptions) {
            int distance = 0;
            for (Class<?> c = type; c != null; c = c.getSuperclass(), distance++) {
                if (c == handled) {
                    if (best < 0 || distance < best) {
                        best = distance;
                    }
                    break;
                }
            }
        }
        return best;
    }
}

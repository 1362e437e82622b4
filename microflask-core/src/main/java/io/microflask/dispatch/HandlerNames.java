package io.microflask.dispatch;

import java.lang.reflect.Method;

/** How messages name a handler method: {@code com.example.NotesApp.show(int, Request)}. */
final class HandlerNames {
    private HandlerNames() {
    }

    static String describe(Method method) {
        StringBuilder sb = new StringBuilder(method.getDeclaringClass().getName()).append('.')
                .append(method.getName()).append('(');
        Class<?>[] types = method.getParameterTypes();
        for (int i = 0; i < types.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(types[i].getSimpleName());
        }
        return sb.append(')').toString();
    }
}
